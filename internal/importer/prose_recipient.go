package importer

import (
	"fmt"
	"regexp"
	"strings"

	"appeal/internal/casefile"
)

// Recipients named only in running text: "Pétition à l'attention
// d'Abdulhamit Gül, ministre de la Justice de la République de Turquie",
// "Bitte schreiben Sie … an den bahrainischen König."
var (
	attentionOf = regexp.MustCompile(`(?i)(?:^|\s)à l['’]attention (?:de |d['’])\s*([^,]{3,60}),\s*([^.;:]{3,120})`)
	germanTo    = regexp.MustCompile(`\b(?:Brief|Appell|Schreiben|Briefe|Appelle)\b[^.]*\ban (?:den|die) ((?:\p{Ll}+ )?\p{Lu}\p{L}+)\s*\.?$`)
)

// proseRecipient reads the one recipient a text names only in its running
// text, when it has no recipient's block.
func (im *importer) proseRecipient() {
	for _, b := range im.blocks {
		if b.header() || len(b.address) > 0 {
			return
		}
	}
	for _, l := range im.lines {
		var fs []field
		if m := attentionOf.FindStringSubmatch(l.text); m != nil {
			fs = append(classify(strings.TrimSpace(m[1])), field{kind: kTitle, value: strings.TrimSpace(m[2])})
		} else if m := germanTo.FindStringSubmatch(l.text); m != nil {
			fs = []field{{kind: kTitle, value: m[1]}}
		}
		if !hasKind(fs, kTitle) {
			continue
		}
		b := &block{role: casefile.RoleTo, note: fmt.Sprintf("the source names this recipient only in its running text (line %d); check the name and title and add the address", l.n)}
		for _, f := range fs {
			f.line, f.raw = l.n, l.text
			b.add(f)
		}
		im.blocks = append(im.blocks, b)
		return
	}
}
