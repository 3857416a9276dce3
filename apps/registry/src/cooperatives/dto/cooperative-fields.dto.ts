import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_MEMBERS } from '../../common/ranges';
import { IsCalendarDate } from '../../common/validators';
import {
  COOPERATIVE_FORMS,
  COOPERATIVE_GROUPS,
  COOPERATIVE_SCHEMES,
  COOPERATIVE_TYPES,
  NIK_CERTIFICATE_STATUSES,
  NIK_PATTERN,
} from '../cooperative-codes';

/** Fields of the registry record (domain §1), all of them as sent to register a cooperative. */
export class RegisterCooperativeDto {
  @ApiProperty({ example: 'Koperasi Simpan Pinjam Maju Bersama' })
  @IsString()
  @Length(3, 300)
  name: string;

  @ApiProperty({ description: 'Nomor badan hukum; unique', example: '001/BH/XIX.1/2005' })
  @IsString()
  @Length(1, 120)
  legalEntityNumber: string;

  @ApiProperty({ description: 'Tanggal badan hukum, YYYY-MM-DD, not in the future', example: '2005-03-14' })
  @IsCalendarDate()
  legalEntityDate: string;

  @ApiPropertyOptional({ description: 'Latest amendment of the articles (nomor perubahan anggaran dasar)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  articlesAmendmentNumber?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD, not before the legal-entity date' })
  @IsOptional()
  @IsCalendarDate()
  articlesAmendmentDate?: string;

  @ApiPropertyOptional({ description: 'Nomor Induk Koperasi: 16 digits, unique', example: '6271010203040506' })
  @IsOptional()
  @Matches(NIK_PATTERN, { message: 'nik must be 16 digits' })
  nik?: string;

  @ApiPropertyOptional({ enum: NIK_CERTIFICATE_STATUSES, default: 'NOT_CERTIFIED' })
  @IsOptional()
  @IsIn(NIK_CERTIFICATE_STATUSES)
  nikCertificateStatus?: string;

  @ApiPropertyOptional({ description: 'Expiry of the NIK certificate, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  nikCertificateExpiresOn?: string;

  @ApiPropertyOptional({
    description: 'Issue date of the NIK certificate; the expiry follows from the validity setting when not given',
  })
  @IsOptional()
  @IsCalendarDate()
  nikCertificateIssuedOn?: string;

  @ApiPropertyOptional({
    enum: ['ACTIVE', 'INACTIVE'],
    default: 'ACTIVE',
    description: 'Status when first entered (an existing register may hold inactive ones)',
  })
  @IsOptional()
  @IsIn(['ACTIVE', 'INACTIVE'])
  initialStatus?: 'ACTIVE' | 'INACTIVE';

  @ApiPropertyOptional({ enum: COOPERATIVE_FORMS, default: 'PRIMARY_CITY' })
  @IsOptional()
  @IsIn(COOPERATIVE_FORMS)
  form?: string;

  @ApiProperty({ enum: COOPERATIVE_TYPES })
  @IsIn(COOPERATIVE_TYPES)
  type: string;

  @ApiPropertyOptional({ enum: COOPERATIVE_GROUPS })
  @IsOptional()
  @IsIn(COOPERATIVE_GROUPS)
  group?: string;

  @ApiPropertyOptional({ enum: COOPERATIVE_SCHEMES, default: 'CONVENTIONAL' })
  @IsOptional()
  @IsIn(COOPERATIVE_SCHEMES)
  scheme?: string;

  @ApiPropertyOptional({ description: 'Business sector code (KBLI)', example: '64141' })
  @IsOptional()
  @Matches(/^[0-9A-Z.]{1,20}$/, { message: 'businessSectorCode must be up to 20 digits, capitals or dots' })
  businessSectorCode?: string;

  @ApiPropertyOptional({ example: 'Jl. Tjilik Riwut No. 12' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  street?: string;

  @ApiProperty({ example: 'Langkai' })
  @IsString()
  @Length(1, 120)
  kelurahan: string;

  @ApiProperty({ example: 'Pahandut' })
  @IsString()
  @Length(1, 120)
  kecamatan: string;

  @ApiPropertyOptional({ description: 'Defaults to the office city' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  city?: string;

  @ApiPropertyOptional({ description: 'Defaults to the office province' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  province?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,40}$/, { message: 'phone must be digits, spaces, +, -, ( or )' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ description: 'Ketua' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chair?: string;

  @ApiPropertyOptional({ description: 'Sekretaris' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secretary?: string;

  @ApiPropertyOptional({ description: 'Bendahara' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  treasurer?: string;

  @ApiPropertyOptional({ description: 'Pengawas (names, comma separated)' })
  @IsOptional()
  @IsString()
  @MaxLength(600)
  supervisoryBoard?: string;

  @ApiPropertyOptional({ description: 'Manajer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  manager?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MEMBERS, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MEMBERS)
  membersMale?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MEMBERS, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MEMBERS)
  membersFemale?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MEMBERS, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MEMBERS)
  employees?: number;
}
