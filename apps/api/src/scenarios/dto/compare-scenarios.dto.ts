import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

export const COMPARE_MAX_SCENARIOS = 10;

export class CompareScenariosDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 2,
    maxItems: COMPARE_MAX_SCENARIOS,
    description: 'Stored scenarios, each at its latest version; the first is the baseline every other is compared with',
  })
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(2, { message: '$property needs at least 2 scenarios' })
  @ArrayMaxSize(COMPARE_MAX_SCENARIOS, { message: `$property may hold at most ${COMPARE_MAX_SCENARIOS} scenarios` })
  @ArrayUnique({ message: '$property must not repeat a scenario' })
  @IsUUID('all', { each: true, message: '$property must hold UUIDs' })
  ids!: string[];
}
