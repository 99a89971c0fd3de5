// Entry point of the embed page: reads its options (json_script) and starts its parts.
import { EmbedResizer } from "./resizer.js";

const options = JSON.parse(document.getElementById("embed-options").textContent);
new EmbedResizer(document.getElementById("embed"), { id: options.slug }).onAdd();
