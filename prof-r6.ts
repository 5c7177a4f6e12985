import { Resvg } from '@resvg/resvg-js';
const opts = { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } } as const;
const empty = `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350"></svg>`;
const r0 = process.resourceUsage(); const a = performance.now();
for (let i = 0; i < 20; i++) new Resvg(empty, opts).render();
const r1 = process.resourceUsage();
console.log('ms/render', ((performance.now() - a) / 20).toFixed(1), 'minor faults/render', (r1.minorPageFault - r0.minorPageFault) / 20, 'user ms', (r1.userCPUTime - r0.userCPUTime) / 20000, 'sys ms', (r1.systemCPUTime - r0.systemCPUTime) / 20000);
