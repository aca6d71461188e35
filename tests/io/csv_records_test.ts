import assert from "node:assert/strict";
import { csvField, csvText, parseCsvRecords } from "../../lib/io/mod.ts";

Deno.test("csvText then parseCsvRecords round-trips quotes, commas, line breaks, numbers and empties", () => {
  const header = ["id", "name", "note", "value", "flag"];
  const rows = [
    [0, "Kepler-10 b", 'said "rocky", then\nconfirmed', 0.1 + 0.2, true],
    [1, "", null, NaN, false],
  ];
  const text = csvText(header, rows);
  assert.equal(
    text,
    'id,name,note,value,flag\n0,Kepler-10 b,"said ""rocky"", then\nconfirmed",0.30000000000000004,true\n1,,,,false\n',
  );
  assert.deepEqual(parseCsvRecords(text, "t.csv"), [
    {
      id: "0",
      name: "Kepler-10 b",
      note: 'said "rocky", then\nconfirmed',
      value: "0.30000000000000004",
      flag: "true",
    },
    { id: "1", name: "", note: "", value: "", flag: "false" },
  ]);
  assert.equal(csvField("plain"), "plain");
});

Deno.test("parseCsvRecords skips comment and blank lines, takes CRLF, and selects columns", () => {
  const text =
    "# archive header\r\n# more\r\nkepid,kepoi_name,kepler_name\r\n\r\n757450,K00889.01,Kepler-75 b\r\n";
  assert.deepEqual(parseCsvRecords(text, "koi.csv", { columns: ["kepler_name", "kepid"] }), [
    { kepler_name: "Kepler-75 b", kepid: "757450" },
  ]);
  assert.deepEqual(parseCsvRecords("", "empty.csv"), []);
  assert.deepEqual(parseCsvRecords("a,b\n1,", "trailing.csv"), [{ a: "1", b: "" }]);
});

Deno.test("parseCsvRecords errors name the file, the line and the column", () => {
  assert.throws(
    () => parseCsvRecords("# c\na,b\n1,2\n3\n", "samples.csv"),
    new RangeError("Cannot read samples.csv as line 4 has 1 fields but the header has 2"),
  );
  assert.throws(
    () => parseCsvRecords('a,b\n1,"open\n', "q.csv"),
    new RangeError("Cannot read q.csv as the quoted field starting on line 2 is never closed"),
  );
  assert.throws(
    () => parseCsvRecords('a,b\n"x"y,2\n', "x.csv"),
    new RangeError("Cannot read x.csv as line 2 has text after a closing quote"),
  );
  assert.throws(
    () => parseCsvRecords("a,b\n1,2\n", "m.csv", { columns: ["a", "period_days"] }),
    new RangeError('Cannot read m.csv as it has no column "period_days" (columns: a, b)'),
  );
  assert.throws(
    () => csvText(["a", "b"], [[1]]),
    new RangeError("Cannot write CSV row 2 as it has 1 fields but the header has 2"),
  );
});
