// Compile a JSON Schema with Ajv (strict mode, ECMA-262 regular expressions with the
// "u" flag, as JavaScript validators and editors run them) and validate documents.
//
//   node tests/js/validate.mjs SCHEMA.json DOCUMENTS.json
//
// DOCUMENTS.json is a list of documents; prints one JSON line: {"compiled": true,
// "results": [[errors of document 0], ...]}, each error {path, message}. The messages are
// what an editor shows: ajv-errors replaces a pattern's failure with its errorMessage.
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import addErrors from "ajv-errors";

const [schemaFile, documentsFile] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
addErrors(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
} catch (error) {
  console.log(JSON.stringify({ compiled: false, error: String(error.message) }));
  process.exit(0);
}
const documents = documentsFile ? JSON.parse(fs.readFileSync(documentsFile, "utf8")) : [];
const results = documents.map((document) => {
  validate(document);
  return (validate.errors || []).map((e) => ({ path: e.instancePath, message: e.message }));
});
console.log(JSON.stringify({ compiled: true, results }));
