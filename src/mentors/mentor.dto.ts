import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, IsLedgerId } from '../http/validators';

export class RegisterMentorDto {
  @IsLedgerId() mentorId!: string;
  @IsString() @Matches(/^\d{7}$/, { message: 'trn must be exactly 7 digits' }) trn!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) givenName!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) familyName!: string;
  @IsOptional() @IsCalendarDate() birthDate?: string;
}

export class MentorSchoolDto {
  @IsLedgerId() mentorId!: string;
  @IsLedgerId() schoolId!: string;
}
