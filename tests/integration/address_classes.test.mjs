// Address shapes real users wrote in their first hour (issue 15, item 11), through
// GET /api/v1/address/parse on the demo city: financial numerals, annex numbers after a street
// number, the compound named after the room, and names that share a word with a known compound
// (suggested with their confidence, never matched). The parser's own table is in
// src/address/address_parser_test.cpp; these check that the answer carries it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './harness.mjs';

const srv = useServer();
const enc = encodeURIComponent;
let HQ; // 华清嘉园小区, a demo compound
let BUPT; // 北京邮电大学

async function parse(q) {
  const res = await srv.api('GET', `/api/v1/address/parse?q=${enc(q)}`);
  assert.equal(res.status, 200, `parse ${q}: ${res.text}`);
  return res.json;
}
const parts = (r) => [r.parts.building, r.parts.entrance, r.parts.floor, r.parts.room];

before(async () => {
  await srv.start();
  HQ = (await parse('华清嘉园小区')).compound?.code;
  BUPT = (await parse('北京邮电大学')).compound?.code;
  assert.ok(HQ && BUPT, 'the demo city has 华清嘉园小区 and 北京邮电大学');
});

test('address/parse: financial numerals are numbers', async () => {
  const r = await parse('壹号楼贰单元叁零壹');
  assert.deepEqual(parts(r), ['1', '2', 3, '301']);
  assert.equal(r.parts.compound_text, '');
  const named = await parse('华清嘉园贰拾叁号楼肆单元伍零贰');
  assert.deepEqual(parts(named), ['23', '4', 5, '502']);
  assert.equal(named.compound?.code, HQ);
});

test('address/parse: an annex number stays in the street address and is given apart', async () => {
  const r = await parse('学院路10号附3号2单元301');
  assert.equal(r.parts.compound_text, '学院路10号附3号');
  assert.equal(r.parts.street_number, '10');
  assert.equal(r.parts.annex, '3');
  assert.deepEqual(parts(r), ['', '2', 3, '301']);
  const plain = await parse('华清嘉园12号楼3单元502');
  assert.equal(plain.parts.street_number, '');
  assert.equal(plain.parts.annex, '');
});

test('address/parse: the compound named after the room is found and matched', async () => {
  const r = await parse('3号楼2单元301 华清嘉园');
  assert.equal(r.parts.compound_text, '华清嘉园');
  assert.deepEqual(parts(r), ['3', '2', 3, '301']);
  assert.equal(r.compound?.code, HQ);
  assert.ok(r.compound.confidence >= 0.9, String(r.compound.confidence));
  const campus = await parse('10号楼302，北京邮电大学');
  assert.equal(campus.compound?.code, BUPT);
  assert.deepEqual(parts(campus), ['10', '', 3, '302']);
  const instruction = await parse('3号楼2单元301放门口');
  assert.equal(instruction.parts.compound_text, '');
  assert.deepEqual(instruction.parts.notes, ['放门口']);
});

test('address/parse: a name sharing a word or a character with a compound is a suggestion, not a match', async () => {
  for (const [q, low, high] of [['华清嘉园东里5号楼', 0.75, 0.85], ['华清佳园3号楼', 0.65, 0.75], ['北京邮电3号楼', 0.6, 0.75]]) {
    const r = await parse(q);
    assert.equal(r.compound, null, `${q}: ${JSON.stringify(r.compound)}`);
    const code = q.startsWith('北京') ? BUPT : HQ;
    const suggestion = r.suggestions.find((s) => s.code === code);
    assert.ok(suggestion, `${q}: ${JSON.stringify(r.suggestions)}`);
    assert.ok(suggestion.confidence >= low && suggestion.confidence <= high, `${q}: ${suggestion.confidence}`);
  }
});
