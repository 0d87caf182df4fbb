import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnumField } from '../../common/fields.js';
import { PageQueryDto } from '../../common/pagination.js';
import { JOB_STATES, JOB_TYPES, type JobState, type JobType } from '../job-types.js';

export class ListJobsQueryDto extends PageQueryDto {
  @EnumField(JOB_TYPES, { optional: true, description: 'Only jobs of this type' })
  type?: JobType;

  @EnumField(JOB_STATES, { optional: true, description: 'Only jobs in this state' })
  state?: JobState;
}

export class JobLinksDto {
  @ApiProperty({ example: '/v1/jobs/6f1c…' }) self!: string;
  @ApiProperty({ example: '/v1/jobs/6f1c…/result' }) result!: string;
  @ApiProperty({ example: '/v1/jobs/6f1c…/cancel' }) cancel!: string;
}

export class JobResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: JOB_TYPES }) type!: JobType;
  @ApiProperty({ enum: JOB_STATES }) state!: JobState;
  @ApiProperty({ description: 'Chunks done over chunks in all, 0..1' }) progressFraction!: number;
  @ApiProperty() chunksDone!: number;
  @ApiProperty() chunksTotal!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Seconds until done at the rate so far; null before the first chunk finishes or once finished' })
  etaSeconds!: number | null;
  @ApiProperty({ description: 'Highest attempt any chunk reached (1 = nothing retried)' }) attempts!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the job failed' }) error!: string | null;
  @ApiProperty({ description: 'SHA-256 of the canonical inputs: equal inputs and seed give equal results' }) inputsHash!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) idempotencyKey!: string | null;
  @ApiProperty() clientKey!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) startedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'Seconds from start to finish (or to now while running); null before start' }) elapsedSeconds!: number | null;
  @ApiProperty({ type: JobLinksDto }) links!: JobLinksDto;
}

export class JobResultResponseDto {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: JOB_TYPES }) type!: JobType;
  @ApiProperty({ description: 'The job type\'s result (for a sweep: points and Pareto front)' }) result!: unknown;
}

export interface JobPage {
  readonly items: JobResponseDto[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
