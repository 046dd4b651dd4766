// Renders every processes/*.bpmn to target/diagrams/<name>.png with bpmn-js in the system's headless Chromium,
// so that a reviewer can look at each diagram without Camunda Modeler. The browser: CHROMIUM_PATH, else
// /usr/bin/chromium (Debian's package chromium).
import { chromium } from 'playwright-core';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const viewerScript = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const viewerStyles = [
  require.resolve('bpmn-js/dist/assets/diagram-js.css'),
  require.resolve('bpmn-js/dist/assets/bpmn-js.css'),
  require.resolve('bpmn-js/dist/assets/bpmn-font/css/bpmn.css')
];
const out = path.join('target', 'diagrams');
const scale = 1.5;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run']
});
try {
  await mkdir(out, { recursive: true });
  const files = (await readdir('processes')).filter(name => name.endsWith('.bpmn')).sort();
  for (const file of files) {
    const page = await browser.newPage({ deviceScaleFactor: scale });
    await page.setContent('<!DOCTYPE html><html><body style="margin:0;background:#fff"><div id="canvas"></div></body></html>');
    for (const style of viewerStyles) {
      await page.addStyleTag({ path: style });
    }
    await page.addScriptTag({ path: viewerScript });
    const xml = await readFile(path.join('processes', file), 'utf8');
    const size = await page.evaluate(async diagram => {
      const container = document.getElementById('canvas');
      container.style.width = '100px';
      container.style.height = '100px';
      const viewer = new window.BpmnJS({ container });
      const { warnings } = await viewer.importXML(diagram);
      const canvas = viewer.get('canvas');
      const box = canvas.getActiveLayer().getBBox();
      const margin = 20;
      const width = Math.ceil(box.width + 2 * margin);
      const height = Math.ceil(box.height + 2 * margin);
      container.style.width = width + 'px';
      container.style.height = height + 'px';
      canvas.resized();
      canvas.viewbox({ x: box.x - margin, y: box.y - margin, width, height });
      return { width, height, warnings: warnings.map(w => w.message) };
    }, xml);
    if (size.warnings.length) {
      throw new Error(`${file}: bpmn-js could not import everything:\n  ${size.warnings.join('\n  ')}`);
    }
    await page.setViewportSize({ width: size.width, height: size.height });
    const target = path.join(out, file.replace(/\.bpmn$/, '.png'));
    await page.locator('#canvas').screenshot({ path: target });
    console.log(`${file} → ${target} (${Math.round(size.width * scale)}×${Math.round(size.height * scale)} px)`);
    await page.close();
  }
} finally {
  await browser.close();
}
