// Parse a GIFT file with gift-pegjs (the parser Moodle-compatible tools use) and print its questions
// as JSON; on a syntax error print "line:column: message" and exit 1. Used by tests/test_quiz_gift.py.
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

try {
  process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[2], "utf8"))));
} catch (err) {
  const where = err.location ? `${err.location.start.line}:${err.location.start.column}: ` : "";
  process.stderr.write(`${where}${err.message}\n`);
  process.exit(1);
}
