import { IsCalendarDate, IsLedgerId } from '../http/validators';

export class DefineClaimWindowDto {
  @IsLedgerId() claimWindowId!: string;
  @IsLedgerId() academicYearId!: string;
  @IsCalendarDate() startsOn!: string;
  @IsCalendarDate() endsOn!: string;
}

export class ChangeClaimWindowDto {
  @IsLedgerId() claimWindowId!: string;
  @IsCalendarDate() startsOn!: string;
  @IsCalendarDate() endsOn!: string;
}

export class RemoveClaimWindowDto {
  @IsLedgerId() claimWindowId!: string;
}
