import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { acceptPredicate, positional } from './acceptance';
import { parseModelFile } from './model-file';
import { ModelRefusal } from './refusal';

const DECLARATIVE_DIR = join(__dirname, '..', '..', '..', 'catalogue', 'declarative');

const refusal = (predicate: string, parameters = {}): ModelRefusal => {
  try {
    acceptPredicate({ predicate, parameters });
  } catch (e) {
    if (e instanceof ModelRefusal) return e;
    throw e;
  }
  throw new Error(`accepted: ${predicate}`);
};

describe('declarative model acceptance', () => {
  it.each([
    ...readdirSync(DECLARATIVE_DIR).filter((f) => f.endsWith('.model.yaml')),
    'examples/vehicle_bought_uncontrolled.model.yaml',
  ])('the catalogue file %s is valid and its predicate accepted', (file) => {
    const model = parseModelFile(readFileSync(join(DECLARATIVE_DIR, file), 'utf8'));
    const accepted = acceptPredicate(model);
    expect(accepted.views).toEqual(expect.arrayContaining(['cases']));
    expect(accepted.parameters).toEqual(expect.arrayContaining(['cases']));
  });

  it('accepts a collision over views, with CTEs, windows and the calendar functions', () => {
    const a = acceptPredicate({
      predicate: `with v as (select h.subject_id, min(h.held_from) as bought from vehicle_holdings h group by h.subject_id)
        select c.case_no, model_views.period_end(c.filed_on, :days) as last_day, row_number() over (order by c.case_no)
        from cases c join parties p on p.case_no = c.case_no join v on v.subject_id = p.subject_id
        where c.case_no = any(:cases) and v.bought > c.filed_on and c.filed_on < :today`,
      parameters: { days: { type: 'integer', default: 30 } },
    });
    expect(a.views).toEqual(['cases', 'parties', 'vehicle_holdings']);
    expect(a.parameters).toEqual(['days', 'cases', 'today']);
    expect(a.sql).toContain('($1::int)');
  });

  it('refuses writes, with a Chinese message', () => {
    expect(refusal(`delete from cases`).code).toBe('write');
    expect(refusal(`insert into cases (case_no) values ('x')`).message).toMatch(/只能读取数据/);
    expect(refusal(`with x as (delete from cases returning case_no) select * from x`).code).toBe('write');
    expect(refusal(`select case_no from cases for update`).code).toBe('write');
    expect(refusal(`select 1; drop table cases`).code).toMatch(/write|not_select/);
  });

  it('refuses tables outside the views', () => {
    const e = refusal(`select case_no from public.leads`);
    expect(e.code).toBe('table');
    expect(e.message).toMatch(/只能读取公布的标准视图.*public\.leads/);
    expect(refusal(`select * from pg_catalog.pg_authid`).code).toBe('table');
    expect(refusal(`select * from raw_events`).code).toBe('table');
    expect(refusal(`select * from model_views.cases c join audit_log a on true`).code).toBe('table');
  });

  it('refuses functions outside the allow-list', () => {
    expect(refusal(`select pg_sleep(100) from cases`).code).toBe('function');
    expect(refusal(`select current_setting('zhijian.cutoff') from cases`).message).toMatch(
      /不允许的函数 current_setting/,
    );
    expect(refusal(`select pg_read_file('/etc/passwd')`).code).toBe('function');
    expect(refusal(`select 'cases'::regclass`).code).toBe('function');
  });

  it('refuses undeclared parameters and what is not SQL', () => {
    expect(refusal(`select * from cases where filed_on > :since`).code).toBe('parameter');
    expect(refusal(`this is not sql`).code).toBe('parse');
  });

  it('positional: replaces named parameters outside quotes and comments, never casts', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ':', "'", ' ', 'x', '\n', '-') }), (noise) => {
        const quoted = `'${noise.replace(/'/g, "''")}'`;
        const { sql } = positional(`select ${quoted}::text, :cases -- :x\n`, { cases: 'text[]' });
        expect(sql).toBe(`select ${quoted}::text, ($1::text[]) -- :x\n`);
      }),
    );
  });
});
