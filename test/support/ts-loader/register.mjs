// `node --import ./test/support/ts-loader/register.mjs file.ts`: installs hooks.mjs (see there why).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
