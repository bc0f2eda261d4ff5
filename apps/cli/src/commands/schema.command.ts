import { checkSchemas, publishSchemas } from '@zhijian/contracts';

/** `schema check`: exit code 1 when a working schema breaks its published version. */
export function schemaCheckCommand(options: { json: boolean }): void {
  const check = checkSchemas();
  if (options.json) console.log(JSON.stringify(check, null, 2));
  else {
    for (const i of check.backward) console.log(`BREAKING  ${i.path}: ${i.kind}: ${i.message}`);
    for (const i of check.forward)
      console.log(
        `forward   ${i.path}: ${i.kind}: ${i.message} (readers of the published version refuse this)`,
      );
    for (const id of check.unpublished) console.log(`new       ${id}: not yet published`);
    for (const id of check.changed) console.log(`changed   ${id}: compatible, not yet published`);
    console.log(
      check.backward.length
        ? `schema check: ${check.backward.length} breaking change(s) against schemas/.published`
        : 'schema check: no breaking change against schemas/.published',
    );
  }
  if (check.backward.length) process.exitCode = 1;
}

export function schemaPublishCommand(): void {
  const ids = publishSchemas();
  console.log(
    ids.length ? `published: ${ids.join(', ')}` : 'nothing to publish: schemas/.published is current',
  );
}
