import type picocolors from 'picocolors';
import type { Inventory } from '../core/model.js';
import type { Component } from '../extract/component.js';
import { compareText, sortComponents } from './order.js';
import { escapeForTerminal, truncate } from './terminal-text.js';

type Colors = ReturnType<typeof picocolors.createColors>;

const WIDTH = 100;
const INDENT = '  ';

/**
 * The dependency inventory for people: one block per lockfile (headed by ecosystem and path), one line per
 * component with its flags, then what could not be listed. JSON has every field.
 */
export function renderInventory(inventory: Inventory, colors: Colors): string {
  const byLockfile = new Map<string, Component[]>();
  for (const component of sortComponents(inventory.components)) {
    const list = byLockfile.get(component.location.path) ?? [];
    list.push(component);
    byLockfile.set(component.location.path, list);
  }
  const blocks = [...byLockfile.entries()]
    .sort(([a, listA], [b, listB]) => compareText(ecosystemOf(listA), ecosystemOf(listB)) || compareText(a, b))
    .map(([path, components]) => renderLockfile(path, components, colors));
  if (inventory.skipped.length > 0) blocks.push(renderSkipped(inventory, colors));
  blocks.push(colors.bold(describeInventory(inventory)));
  return blocks.join('\n\n');
}

function renderLockfile(path: string, components: Component[], colors: Colors): string {
  const header = `${colors.bold(ecosystemOf(components))}  ${escapeForTerminal(path)}  ${colors.dim(`(${components.length})`)}`;
  const nameWidth = Math.min(60, Math.max(...components.map((c) => c.name.length + c.version.length + 1)));
  const lines = components.map((component) => {
    const id = truncate(escapeForTerminal(`${component.name} ${component.version}`), nameWidth);
    const flags = [component.direct ? 'direct' : 'transitive', component.scope === 'runtime' ? '' : component.scope]
      .filter(Boolean)
      .join(', ');
    return `${INDENT}${id.padEnd(nameWidth)}  ${colors.dim(truncate(flags, WIDTH - nameWidth - 4))}`;
  });
  return [header, ...lines].join('\n');
}

function renderSkipped(inventory: Inventory, colors: Colors): string {
  const lines = inventory.skipped.map((skip) => {
    const where = `${escapeForTerminal(skip.location.path)}:${skip.location.line}`;
    return `${INDENT}${where}  ${escapeForTerminal(skip.name)}  ${colors.dim(escapeForTerminal(skip.reason))}`;
  });
  return [colors.bold(`Not listed (${inventory.skipped.length})`), ...lines].join('\n');
}

/** "1,691 components (12 direct) in 3 lockfiles: npm 1,650, PyPI 41." */
function describeInventory(inventory: Inventory): string {
  const perEcosystem = new Map<string, number>();
  for (const component of inventory.components) {
    perEcosystem.set(component.ecosystem, (perEcosystem.get(component.ecosystem) ?? 0) + 1);
  }
  const direct = inventory.components.filter((component) => component.direct).length;
  const counts = [...perEcosystem.entries()].map(
    ([ecosystem, count]) => `${ecosystem} ${count.toLocaleString('en-US')}`,
  );
  const lockfiles = inventory.lockfiles.length;
  return (
    `${inventory.components.length.toLocaleString('en-US')} components (${direct} direct) in ` +
    `${lockfiles} lockfile${lockfiles === 1 ? '' : 's'}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}.`
  );
}

function ecosystemOf(components: Component[]): string {
  return components[0]?.ecosystem ?? '';
}
