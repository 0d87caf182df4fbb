import { Module } from '@nestjs/common';
import { WhatIfModule } from '../what-if/what-if.module.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

@Module({ imports: [WhatIfModule], controllers: [ScenariosController], providers: [ScenariosService] })
export class ScenariosModule {}
