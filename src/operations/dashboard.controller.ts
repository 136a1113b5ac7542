import { Controller, Get, Header } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Public } from '../auth/auth.decorators';
import { CLAIM_STATUSES } from '../claims/claim.events';
import { Unscoped } from '../auth/read-scope';

const PAGE = join('src', 'operations', 'dashboard', 'dashboard.html');

/** The page sits beside this file in the source tree; from dist/ the project root is further up. */
function findPage(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, PAGE))) return join(dir, PAGE);
    if (dirname(dir) === dir) throw new Error(`${PAGE} is missing`);
  }
}

/**
 * `GET /dashboard`: the operator's page. It is public because it holds no data: the page asks for a
 * token and reads everything through the API with it.
 */
@Controller('dashboard')
export class DashboardController {
  private readonly html = readFileSync(findPage(), 'utf8').replace('__CLAIM_STATUSES__', JSON.stringify(CLAIM_STATUSES));

  @Get()
  @Public()
  @Unscoped('a static page; its figures come through the scoped API with the token typed into it')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'")
  @Header('Cache-Control', 'no-store')
  page(): string {
    return this.html;
  }
}
