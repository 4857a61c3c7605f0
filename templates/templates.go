// Package templates ships the letter templates inside the binary, one
// folder per language tag: <lang>/letter.tmpl holds the wording and
// <lang>/locale.yaml the dates, salutations and fixed phrases. See
// docs/templates.md for how to add or check a language.
package templates

import "embed"

// FS holds every <lang>/letter.tmpl and <lang>/locale.yaml, and the
// translations' stamps.yaml (see appeal templates stamp) and the notes for
// translators, notes.yaml.
//
//go:embed */letter.tmpl */locale.yaml */stamps.yaml */notes.yaml
var FS embed.FS
