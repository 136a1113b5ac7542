import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { MembershipRole, StaffService } from './staff-user.events';

export const STAFF_SERVICES: StaffService[] = ['claims', 'placements', 'roster'];
export const MEMBERSHIP_ROLES: MembershipRole[] = ['teacher', 'aide', 'administrator', 'principal', 'counselor', 'school_contact', 'provider_staff', 'support'];

export class RegisterUserDto {
  @IsLedgerId() userId!: string;
  @IsEmail() @MaxLength(320) email!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) givenName!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) familyName!: string;
  @IsOptional() @IsIn(STAFF_SERVICES) service?: StaffService;
}

export class MembershipDto {
  @IsLedgerId() userId!: string;
  @IsLedgerId() organisationId!: string;
  @IsIn(MEMBERSHIP_ROLES) role!: MembershipRole;
}

export class SelectOrganisationDto {
  @IsLedgerId() userId!: string;
  @IsLedgerId() organisationId!: string;
}

export class DeactivateUserDto {
  @IsLedgerId() userId!: string;
}
