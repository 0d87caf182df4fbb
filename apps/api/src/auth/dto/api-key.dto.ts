import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { EnumField, StringField } from '../../common/fields.js';
import { ROLES, type Role } from '../roles.js';

export const TEAM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class CreateApiKeyDto {
  @StringField({ max: 100, description: 'What the key is for, e.g. "finance dashboard"', example: 'finance dashboard' })
  name!: string;

  @StringField({ max: 64, description: 'Team that owns the key: its scenarios are visible to this team only (a-z 0-9 _ -)', example: 'finance' })
  @Matches(TEAM_PATTERN, { message: '$property must be 1 to 64 of a-z 0-9 _ - starting with a letter or digit' })
  team!: string;

  @EnumField(ROLES, { description: 'viewer (read) < analyst (scenarios, evaluations, forecasts) < operator (sweeps, calibration runs, job cancel) < admin (keys)' })
  role!: Role;
}

export class ApiKeyResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() team!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'First characters of the key, to tell keys apart' }) keyPrefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) revokedAt!: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key. Shown this once: only its SHA-256 is stored' }) key!: string;
}
