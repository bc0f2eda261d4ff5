import { availableActions, isHandled, LEAD_ACTIONS, LEAD_STATUSES, transition } from './lifecycle';

describe('lead lifecycle', () => {
  it('walks the whole path', () => {
    let status = 'new' as (typeof LEAD_STATUSES)[number];
    for (const action of [
      'claim',
      'accept',
      'issue_suggestion',
      'record_reply',
      'record_rectification',
      'close',
    ] as const) {
      const r = transition(status, action);
      expect(r.ok).toBe(true);
      if (r.ok) status = r.to;
    }
    expect(status).toBe('closed');
  });

  it('refuses every illegal move with a Chinese message', () => {
    let legal = 0;
    for (const s of LEAD_STATUSES) {
      for (const a of LEAD_ACTIONS) {
        const r = transition(s, a);
        if (r.ok) legal++;
        else expect(r.message).toMatch(/不能执行/);
      }
    }
    expect(legal).toBe(10);
    expect(transition('new', 'accept')).toMatchObject({ ok: false });
    expect(transition('closed', 'claim')).toMatchObject({ ok: false });
    expect(availableActions('claimed')).toEqual(['accept', 'reject']);
  });
});

describe('withdrawal when later facts cure a lead', () => {
  it('withdraw and keep answer a 事实已变更 flag only', () => {
    expect(transition('claimed', 'withdraw')).toMatchObject({ ok: false });
    expect(transition('claimed', 'withdraw', true)).toEqual({ ok: true, to: 'withdrawn' });
    expect(transition('accepted', 'keep', true)).toEqual({ ok: true, to: 'accepted' });
    expect(transition('closed', 'withdraw', true)).toMatchObject({ ok: false });
    expect(availableActions('claimed')).not.toContain('withdraw');
    expect(availableActions('claimed', true)).toEqual(expect.arrayContaining(['withdraw', 'keep']));
  });

  it('a withdrawn lead is dealt with: no action is open on it', () => {
    expect(isHandled('withdrawn')).toBe(true);
    expect(availableActions('withdrawn', true)).toEqual([]);
  });
});
