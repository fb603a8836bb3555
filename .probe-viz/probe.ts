import { setup, createMachine } from 'xstate';
import { regionMachine } from '/work/main/src/machines/region.machine.ts';
const m = createMachine({ id: 'x', initial: 'a', states: { a: { after: { 1000: 'b', slow: {target:'b', guard: 'g'} }, always: { guard: 'ok', target: 'b' } }, b: { initial: 'c', states: { c: {}, h: { type: 'history', history: 'deep', target: 'c' } }, on: { 'x.*': '#x.a', GO: [{ target: ['.c'], guard: { type: 'g', params: { n: 1 } } }] } } } }, { delays: { slow: 5 } } as any);
const walk = (n: any, d = 0) => {
  console.log(' '.repeat(d) + n.id, n.type, n.key, JSON.stringify(n.config.initial), n.history, n.initial?.target?.map((t:any)=>t.id));
  for (const [ev, ts] of n.transitions) for (const t of ts) console.log(' '.repeat(d+2) + ev, t.eventType, t.target?.map((x:any)=>x.id), JSON.stringify(t.guard), typeof t.guard, t.reenter, (t as any).delay);
  for (const t of n.always ?? []) console.log(' '.repeat(d+2) + 'always', t.target?.map((x:any)=>x.id), JSON.stringify(t.guard));
  for (const t of n.after) console.log(' '.repeat(d+2)+'after', t.eventType, t.delay, typeof t.delay);
  for (const c of Object.values(n.states)) walk(c, d + 2);
};
walk(m.root);
walk(regionMachine.root);
console.log(JSON.stringify(m.toJSON(), null, 1).slice(0, 1500));
