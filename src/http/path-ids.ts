import { PipeTransform } from '@nestjs/common';
import { isValidId } from '../shared/ids';
import { ApiError } from './api-error';

/** Path ids follow API.md's id pattern, else 400 `InvalidId`. */
export class ValidId implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isValidId(value)) throw new ApiError(400, 'InvalidId', 'Ids are 1–128 characters of A–Z a–z 0–9 . _ - : @');
    return value;
  }
}
