import { BadRequestException, Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Authenticator, type AuthenticatedRequest, SessionStore } from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import type { SessionView } from '@zhijian/contracts';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

/**
 * People sign in with their own token and get a session token for the API (a new one on each
 * sign-in; the person's token itself is refused on the API); signing out revokes the session.
 */
@ApiTags('session')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证：令牌无效、已过期或已撤销' })
@ApiTooManyRequestsResponse({ description: 'too many failed authentications from this client' })
@Controller('v1/session')
export class SessionController {
  private readonly sessions = new SessionStore();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Post()
  @ApiCreatedResponse({ description: 'a session token; send the person’s own token as the bearer' })
  @ApiForbiddenResponse({ description: '系统令牌无需登录' })
  async signIn(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<SessionView> {
    const { principal } = await this.authenticator.authenticate(req, res, 'sign_in');
    const { sessionIdleHours: idleHours, sessionMaxDays: maxDays } = this.config.access;
    const session = await this.sessions.create(this.dataSource.manager, principal.id, { idleHours, maxDays });
    return {
      token: session.token,
      tokenType: 'Bearer',
      expiresAt: session.expiresAt.toISOString(),
      idleHours,
      principal: {
        id: principal.id,
        name: principal.name,
        role: principal.role,
        unitCode: principal.unitCode,
      },
    };
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the session (the bearer) is signed out' })
  async signOut(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<void> {
    const { sessionId } = await this.authenticator.authenticate(req, res);
    if (!sessionId) throw new BadRequestException('系统令牌没有登录会话，无需退出');
    await this.sessions.revoke(this.dataSource.manager, sessionId, 'signed out');
  }
}
