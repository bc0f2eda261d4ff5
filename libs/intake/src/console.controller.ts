import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CSP } from './security-headers';

/** The parts of Express's response this controller uses. */
interface FileResponse {
  setHeader(name: string, value: string): void;
  status(code: number): FileResponse;
  type(type: string): FileResponse;
  send(body: string): void;
  redirect(status: number, url: string): void;
  sendFile(path: string, options: { headers?: Record<string, string> }, done: (err?: Error) => void): void;
}

/** The repository root: the folder holding console/index.html, from here or from dist/ (null: none). */
function findRoot(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'console', 'index.html'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

const ASSET = /^[a-z0-9-]+\.js(\.map)?$/;

/**
 * Serves the staff console at /console/: its page and styles from `console/`, its scripts as
 * compiled by `tsc -p console/tsconfig.json` into `dist/console/console/src/` (that build's root
 * is the repository, as the console reads the API's types from libs/contracts), and the chart
 * library from node_modules. Nothing here reads data: every page calls the intake API with the
 * user's token.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly root = findRoot() ?? process.cwd();
  private readonly scripts = join(this.root, 'dist', 'console', 'console', 'src');
  private readonly chartJs = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

  @Get()
  index(@Req() req: { originalUrl: string }, @Res() res: FileResponse): void {
    const [path, query] = req.originalUrl.split('?');
    // Relative asset URLs need the trailing slash.
    if (!path!.endsWith('/')) return res.redirect(301, `${path}/${query ? `?${query}` : ''}`);
    res.setHeader('Content-Security-Policy', CSP);
    if (!existsSync(join(this.scripts, 'main.js')) || !existsSync(join(this.root, 'console', 'index.html'))) {
      res
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>执检数据枢纽</title>' +
            '<p>控制台前端尚未构建：请在项目目录运行 <code>npm run build</code> 后刷新本页。</p></html>',
        );
      return;
    }
    this.send(res, join(this.root, 'console', 'index.html'), 'no-cache');
  }

  @Get('app.css')
  css(@Res() res: FileResponse): void {
    this.send(res, join(this.root, 'console', 'app.css'), 'no-cache');
  }

  @Get('vendor/chart.umd.min.js')
  chart(@Res() res: FileResponse): void {
    this.send(res, this.chartJs, 'public, max-age=86400');
  }

  @Get('js/:file')
  script(@Param('file') file: string, @Res() res: FileResponse): void {
    if (!ASSET.test(file)) {
      res.status(404).type('text/plain; charset=utf-8').send('not found');
      return;
    }
    this.send(res, join(this.scripts, file), 'no-cache');
  }

  private send(res: FileResponse, path: string, cache: string): void {
    res.sendFile(
      path,
      { headers: { 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' } },
      (err) => {
        if (err) res.status(404).type('text/plain; charset=utf-8').send('not found');
      },
    );
  }
}
