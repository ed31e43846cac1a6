// Builds the MiniSearch index of the spec into dist/search-index.json, with the options the server loads it with.
import { readFileSync, writeFileSync } from "node:fs";
import { serializeSearchIndex, specFiles } from "../dist/index.js";

const specText = readFileSync(specFiles.json, "utf8");
const serialized = serializeSearchIndex(JSON.parse(specText), specText);
const target = new URL("../dist/search-index.json", import.meta.url);
writeFileSync(target, JSON.stringify(serialized));
console.log(`indexed ${serialized.documents} documents of spec ${serialized.specVersion} into dist/search-index.json`);
