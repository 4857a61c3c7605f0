package batch

import (
	"bytes"
	"fmt"

	"appeal/internal/casefile"
	"appeal/internal/letter"
	"appeal/internal/render"
)

// Bytes makes the print files of ps in memory, for a server that sends
// them rather than writing them: one PDF each for Combined, Envelopes and
// Labels, in that order, those with a name only. The names themselves and
// Volume are not used. The letters are rendered once, in the order of
// plan, by the same code as Write, so that letter n goes into envelope n.
func (ps PrintSet) Bytes(r *render.Renderer, c *casefile.Case, plan []letter.Letter, o Options) ([][]byte, error) {
	pfs := ps.files(o)
	if len(pfs) == 0 || len(plan) == 0 {
		return nil, nil
	}
	letters, err := Letters(r, c, plan, o)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(pfs))
	for i, pf := range pfs {
		var b bytes.Buffer
		if err := pf.make(&b, letters); err != nil {
			return nil, fmt.Errorf("%s: %w", pf.flag, err)
		}
		out[i] = b.Bytes()
	}
	return out, nil
}
