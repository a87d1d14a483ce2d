// Exact numbers (SPEC §1): a JSON 0.1 is the double it is; the string "0.1" is one tenth.
import assert from 'node:assert/strict';
import { Rational, SqrtRational, parseSpecJson, toSpecJson } from '@mlgeo/exact-arith';

const double = Rational.fromDouble(0.1);
assert.equal(double.toString(), '3602879701896397/36028797018963968'); // 3602879701896397/2^55
const tenth = Rational.parse('0.1');
assert.equal(tenth.toString(), '1/10');
assert.equal(tenth.add(Rational.parse('1/5')).toString(), '3/10');

// r·√q values: the length of the diagonal of [0, 1/2]², compared exactly by sign and r²q
const half = Rational.of(1, 2);
const diagonal = SqrtRational.sqrt(half.mul(half).add(half.mul(half)));
assert.equal(diagonal.toString(), '1/2*sqrt(2)');
assert.equal(diagonal.squared().toString(), '1/2');
assert.ok(diagonal.cmp(SqrtRational.fromRational(Rational.of(7, 10))) > 0); // (1/2)√2 > 0.7

// SPEC §1 JSON forms, read back exactly
const json = toSpecJson(diagonal);
console.log(JSON.stringify(json));
assert.ok(parseSpecJson(json) instanceof SqrtRational);
