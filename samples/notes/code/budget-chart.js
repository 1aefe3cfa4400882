// budget-chart.js — draws a stacked bar chart of monthly spending by category from the budget CSV.
//
// Usage (Node 18+):  node budget-chart.js ../finance/budget-2024.csv > spending.svg
// No dependencies: parses the CSV by hand (the bank export has no quoted commas) and writes a plain
// SVG that opens in any browser.

const fs = require("fs");

const CATEGORY_COLOURS = {
  Rent: "#4e79a7",
  Groceries: "#59a14f",
  Utilities: "#f28e2b",
  Transport: "#e15759",
  "Eating out": "#b07aa1",
  Health: "#76b7b2",
  Travel: "#edc948",
  Other: "#bab0ac",
};

/** Reads `month,category,planned,actual` rows into { month: { category: actual } }. */
function readBudget(path) {
  const lines = fs.readFileSync(path, "utf8").trim().split(/\r?\n/);
  const header = lines.shift().split(",");
  const column = (name) => header.indexOf(name);
  const months = {};
  for (const line of lines) {
    const cells = line.split(",");
    const month = cells[column("month")];
    const category = CATEGORY_COLOURS[cells[column("category")]] ? cells[column("category")] : "Other";
    const actual = Number(cells[column("actual")]);
    if (Number.isNaN(actual)) throw new Error(`bad amount in line: ${line}`);
    months[month] ??= {};
    months[month][category] = (months[month][category] ?? 0) + actual;
  }
  return months;
}

/** One stacked bar per month, scaled so the most expensive month fills the chart height. */
function renderSvg(months, { width = 720, height = 360, margin = 40 } = {}) {
  const names = Object.keys(months).sort();
  const totals = names.map((m) => Object.values(months[m]).reduce((a, b) => a + b, 0));
  const scale = (height - 2 * margin) / Math.max(...totals);
  const barWidth = (width - 2 * margin) / names.length - 8;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`];
  names.forEach((month, i) => {
    let y = height - margin;
    const x = margin + i * (barWidth + 8);
    for (const [category, colour] of Object.entries(CATEGORY_COLOURS)) {
      const amount = months[month][category] ?? 0;
      const h = amount * scale;
      y -= h;
      parts.push(`<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}" fill="${colour}"><title>${category}: $${amount.toFixed(2)}</title></rect>`);
    }
    parts.push(`<text x="${x + barWidth / 2}" y="${height - margin + 16}" font-size="11" text-anchor="middle">${month.slice(5)}</text>`);
    parts.push(`<text x="${x + barWidth / 2}" y="${y - 4}" font-size="10" text-anchor="middle">$${Math.round(totals[i])}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

function main() {
  const path = process.argv[2];
  if (!path) {
    console.error("usage: node budget-chart.js BUDGET.csv > chart.svg");
    process.exit(2);
  }
  const months = readBudget(path);
  const overspent = Object.entries(months).filter(([, c]) => (c["Eating out"] ?? 0) > 350);
  for (const [month] of overspent) console.error(`note: eating out over $350 in ${month}`);
  process.stdout.write(renderSvg(months));
}

main();
