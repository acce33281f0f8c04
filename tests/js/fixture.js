// A small plan for the engine's tests, written through Python's own index
// writer: two chapter pages whose units hold what the tests look for.
"use strict";
const { makeIndex, page } = require("./support");

const PAGES = [
  page("chapters/ch01/", "第一章 保护运河", [
    ["a", "<strong>大运河文化带：</strong>保护大运河遗产，建设大运河文化带。"],
    ["b", "推进运河沿线环境整治。"],
    ["c", "发展数字经济，建设数字政府。"],
    ["d", "保護大運河文化帶。"],
    ["e", "投资1,000亿元，PM2.5浓度下降。"],
  ]),
  page("chapters/ch02/", "第二章 数字经济", [
    ["f", "数字经济核心产业增加值占比提高。"],
    ["g", "大运河沿线发展数字文旅。"],
    ["h", "🚄运河\u200b新城建设。"],
  ]),
];
// a 专栏 item: another kind, a group and a label of its own
PAGES[1].html += '\n<aside class="plan-box"><h3>专栏2-1 重点项目</h3><ul>' +
  '<li id="i" data-para="i"><strong>省级：</strong>大运河国家文化公园。</li></ul></aside>';

// Each unit's text as a reader sees it (what ground truth scans).
const TEXTS = {
  a: "大运河文化带：保护大运河遗产，建设大运河文化带。",
  b: "推进运河沿线环境整治。",
  c: "发展数字经济，建设数字政府。",
  d: "保護大運河文化帶。",
  e: "投资1,000亿元，PM2.5浓度下降。",
  f: "数字经济核心产业增加值占比提高。",
  g: "大运河沿线发展数字文旅。",
  h: "🚄运河\u200b新城建设。",
  i: "省级：大运河国家文化公园。",
};

function planIndex() {
  return makeIndex(PAGES);
}

module.exports = { PAGES, TEXTS, planIndex };
