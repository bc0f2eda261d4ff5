// Maps the tsconfig path aliases (@zhijian/*) for jest, from tsconfig.json itself,
// so that the alias list lives in one place.
const path = require('node:path');
const ts = require('typescript');

function pathsToModuleNameMapper() {
  const root = path.resolve(__dirname, '..', '..');
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const mapper = {};
  for (const [alias, targets] of Object.entries(config.compilerOptions.paths)) {
    // `@zhijian/x/internal/*` (specs only) maps its wildcard through.
    const pattern = alias.replace(/\//g, '\\/').replace('*', '(.*)');
    mapper[`^${pattern}$`] = path.join(root, targets[0]).replace('*', '$1');
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
