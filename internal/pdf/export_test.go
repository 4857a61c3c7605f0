package pdf

import (
	"fmt"
	"strings"
)

// ShapeFallback lays out s in an English letter's regular face and
// returns the glyphs of its fallback runs as hb-shape --no-glyph-names
// --no-positions --no-clusters writes them, one run per line.
func ShapeFallback(s string) (string, error) {
	fs, err := fonts()
	if err != nil {
		return "", err
	}
	var runs []string
	for _, pc := range fs.regular.layoutLine(s).pieces {
		if pc.fb == nil {
			continue
		}
		ids := make([]string, len(pc.glyphs))
		for i, g := range pc.glyphs {
			ids[i] = fmt.Sprint(g.ID)
		}
		runs = append(runs, "["+strings.Join(ids, "|")+"]")
	}
	return strings.Join(runs, "\n"), nil
}
