import { _ } from "/js/i18n.js";
import { startPage } from "/js/shell.js";

await startPage({ title: _("Sessions") });
