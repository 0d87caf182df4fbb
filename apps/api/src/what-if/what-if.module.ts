import { Module } from '@nestjs/common';
import { CalibrationProfileLookup } from '../calibrations/calibration-profile-lookup.js';
import { WhatIfController } from './what-if.controller.js';
import { WhatIfService } from './what-if.service.js';

@Module({ controllers: [WhatIfController], providers: [WhatIfService, CalibrationProfileLookup], exports: [WhatIfService] })
export class WhatIfModule {}
