import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WhatIfEvaluation } from '../../../../libs/cost/src/index.js';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/required-role.decorator.js';
import { ScenarioInputDto } from './dto/scenario-input.dto.js';
import { WhatIfService } from './what-if.service.js';

@ApiTags('what-if')
@Controller('v1/what-if')
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Evaluate a scenario without storing it: memory, per-replica limits, replicas and GPUs at peak and mean, cost, binding limit' })
  @ApiOkResponse({ description: 'The evaluation' })
  @ApiBadRequestResponse({ description: 'Invalid scenario; `details` names each field and the reason' })
  @ApiNotFoundResponse({ description: 'calibrationProfileId names no stored calibration profile' })
  evaluate(@Body() input: ScenarioInputDto, @CurrentPrincipal() caller: Principal): Promise<WhatIfEvaluation> {
    return this.whatIf.evaluate(input, caller);
  }
}
