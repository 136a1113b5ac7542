import { IsLedgerId } from '../http/validators';

export class PartnershipDto {
  @IsLedgerId() schoolId!: string;
  @IsLedgerId() providerId!: string;
}
