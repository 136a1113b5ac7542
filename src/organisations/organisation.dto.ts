import { Type } from 'class-transformer';
import {
  IsBoolean, IsEmail, IsIn, IsLatitude, IsLongitude, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateNested,
} from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { FundingRegion, OnboardingService, OrganisationType } from './organisation.events';

export const ORGANISATION_TYPES: OrganisationType[] = ['district', 'school', 'provider', 'trust'];
export const FUNDING_REGIONS: FundingRegion[] = ['inner_london', 'outer_london', 'fringe', 'rest_of_england'];
export const ONBOARDING_SERVICES: OnboardingService[] = ['claims', 'placements'];

export class IdentifiersDto {
  @IsOptional() @IsString() @MaxLength(60) urn?: string;
  @IsOptional() @IsString() @MaxLength(60) ukprn?: string;
  @IsOptional() @IsString() @MaxLength(60) leaCode?: string;
  @IsOptional() @IsString() @MaxLength(60) stateOrganizationId?: string;
  @IsOptional() @IsString() @MaxLength(60) ncesId?: string;
  @IsOptional() @IsString() @MaxLength(60) providerCode?: string;
}

export class AddressDto {
  @IsOptional() @IsString() @MaxLength(200) line1?: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsOptional() @IsString() @MaxLength(200) line3?: string;
  @IsOptional() @IsString() @MaxLength(100) town?: string;
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @IsString() @MaxLength(100) county?: string;
  @IsOptional() @IsString() @MaxLength(20) postcode?: string;
  @IsOptional() @IsString() @MaxLength(100) country?: string;
}

export class LocationDto {
  @IsNumber() @IsLatitude() latitude!: number;
  @IsNumber() @IsLongitude() longitude!: number;
}

/** Fields every organisation command may carry (all optional here; RegisterOrganisation requires a name). */
class OrganisationDetailsDto {
  @IsOptional() @IsLedgerId() parentId?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => IdentifiersDto) identifiers?: IdentifiersDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsString() @MaxLength(40) telephone?: string;
  @IsOptional() @IsString() @MaxLength(300) website?: string;
  @IsOptional() @IsIn(FUNDING_REGIONS) fundingRegion?: FundingRegion;
  @IsOptional() @IsBoolean() accredited?: boolean;
}

export class RegisterOrganisationDto extends OrganisationDetailsDto {
  @IsLedgerId() organisationId!: string;
  @IsIn(ORGANISATION_TYPES) type!: OrganisationType;
  @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
}

export class UpdateOrganisationDto extends OrganisationDetailsDto {
  @IsLedgerId() organisationId!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(255) name?: string;
}

export class CloseOrganisationDto {
  @IsLedgerId() organisationId!: string;
}

export class OnboardingDto {
  @IsLedgerId() organisationId!: string;
  @IsIn(ONBOARDING_SERVICES) service!: OnboardingService;
}

export class AddOrganisationContactDto {
  @IsLedgerId() organisationId!: string;
  @IsLedgerId() contactId!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) givenName!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) familyName!: string;
  @IsEmail() @MaxLength(320) email!: string;
  @IsOptional() @IsString() @MaxLength(40) telephone?: string;
  @IsOptional() @IsString() @MaxLength(100) role?: string;
}

export class RemoveOrganisationContactDto {
  @IsLedgerId() organisationId!: string;
  @IsLedgerId() contactId!: string;
}

export class GrantSchoolEligibilityDto {
  @IsLedgerId() schoolId!: string;
  @IsLedgerId() academicYearId!: string;
}

export class AcceptGrantConditionsDto {
  @IsLedgerId() schoolId!: string;
}
