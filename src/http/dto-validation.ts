import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Type } from '@nestjs/common';
import { ApiError, validationFailed } from './api-error';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './json-body';
import { cacheValidationRules } from './validation-rules-cache';

cacheValidationRules();

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Shape check of a request body: every failing field is listed (unknown fields included). */
export function validateBody<D extends object>(dto: Type<D>, body: unknown): D {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ field: '(body)', message: 'the body must be a JSON object' }]);
  }
  // class-transformer recurses into every nested value: the depth is bounded before it runs.
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
    throw new ApiError(400, 'MalformedJson', `The body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels.`);
  }
  const instance = plainToInstance(dto, body, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw validationFailed(flatten(errors));
  return instance;
}
