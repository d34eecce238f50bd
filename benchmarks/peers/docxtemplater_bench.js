// docxtemplater + pizzip, used as a naive user would: for every document read the template file,
// open it with PizZip, render it and generate the .docx as a DEFLATE-compressed buffer in memory.
//
//   node docxtemplater_bench.js TEMPLATE.docx CONTEXTS.json REPEATS [FIRST_OUT.docx]
//
// CONTEXTS.json holds a list of contexts (one per document). The script renders every context once
// as a warm-up (writing the first document to FIRST_OUT.docx when given, for the correctness check),
// then REPEATS timed rounds over all contexts, and prints one JSON line: ms per document of each round.
// docxtemplater and pizzip are found through NODE_PATH (run.py installs them into a cache folder).
"use strict";

const fs = require("fs");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");

function renderOne(templatePath, context) {
  const content = fs.readFileSync(templatePath);
  const zip = new PizZip(content);
  const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true });
  doc.render(context);
  return doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}

function main() {
  const [templatePath, contextsPath, repeatsText, firstOut] = process.argv.slice(2);
  const contexts = JSON.parse(fs.readFileSync(contextsPath, "utf8"));
  const repeats = Number(repeatsText);

  let bytes = 0;
  contexts.forEach((context, index) => {
    const buffer = renderOne(templatePath, context);
    if (index === 0 && firstOut) {
      fs.writeFileSync(firstOut, buffer);
    }
    bytes += buffer.length;
  });

  const rounds = [];
  for (let round = 0; round < repeats; round += 1) {
    const start = process.hrtime.bigint();
    for (const context of contexts) {
      bytes += renderOne(templatePath, context).length;
    }
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    rounds.push(elapsed / contexts.length);
  }

  const version = (name) => require(`${name}/package.json`).version;
  process.stdout.write(JSON.stringify({
    engine: "docxtemplater",
    docxtemplater: version("docxtemplater"),
    pizzip: version("pizzip"),
    node: process.version,
    documents: contexts.length,
    ms_per_document: rounds,
    bytes,
  }) + "\n");
}

main();
