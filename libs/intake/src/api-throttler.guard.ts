import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * The general rate limit (RATE_LIMIT_API_*) on the API, /v1/*, per client address: the console's
 * files, health and metrics are not counted, nor the Kafka handlers (global guards reach them).
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    const req = context.switchToHttp().getRequest<{ path?: string; originalUrl?: string }>();
    const path = req.originalUrl ?? req.path ?? '';
    return Promise.resolve(!path.startsWith('/v1/'));
  }
}
