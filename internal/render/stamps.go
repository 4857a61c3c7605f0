package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// StampsFile is the file, beside a translation's letter.tmpl, that records
// for each piece the English piece it was translated from.
const StampsFile = "stamps.yaml"

// Stamp is what a translated piece was made from: the English piece's
// source, and its digest.
type Stamp struct {
	Hash   string `yaml:"hash"`
	Source string `yaml:"source"`
}

// readStamps reads lang's stamps.yaml, if there is one.
func readStamps(fsys fs.FS, lang string) (map[string]Stamp, error) {
	data, err := fs.ReadFile(fsys, lang+"/"+StampsFile)
	if err != nil {
		return nil, nil // no stamps: nothing is known to be stale
	}
	var st map[string]Stamp
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&st); err != nil {
		return nil, yamlError(StampsFile, err)
	}
	return st, nil
}

// pieceSource is the source text of piece in lang's templates.
func (r *Renderer) pieceSource(lang, piece string) (string, bool) {
	l, ok := r.langs[lang]
	if !ok {
		return "", false
	}
	t := l.tmpl.Lookup(piece)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return "", false
	}
	return t.Tree.Root.String(), true
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// stale reports the pieces of lang whose English piece changed since the
// translation was stamped, with what the English said then and says now.
func (r *Renderer) stale(lang string) []Finding {
	l, ok := r.langs[lang]
	if !ok || lang == "en" || l.stamps == nil {
		return nil
	}
	var out []Finding
	for _, piece := range r.Pieces(lang) {
		now, ok := r.pieceSource("en", piece)
		if !ok {
			continue
		}
		st, stamped := l.stamps[piece]
		switch {
		case !stamped:
			out = append(out, Finding{Lang: lang, Piece: piece, Line: pieceLine(l.tmpl, piece), Warning: true,
				Msg: "not stamped: review it against the English piece, then run 'appeal templates stamp --lang " + lang + " " + piece + "'"})
		case st.Hash != digest(now):
			out = append(out, Finding{Lang: lang, Piece: piece, Line: pieceLine(l.tmpl, piece), Warning: true,
				Msg: fmt.Sprintf("stale: the English piece changed since this was translated\n    was: %s\n    now: %s", oneLine(st.Source), oneLine(now))})
		}
	}
	return out
}

// Stamp marks pieces of lang (all when none are named) as translated from
// the English pieces as they are now, in dir/<lang>/stamps.yaml.
func (r *Renderer) Stamp(dir, lang string, pieces []string) ([]string, error) {
	l, ok := r.langs[lang]
	if !ok || lang == "en" {
		return nil, fmt.Errorf("no translation %q to stamp", lang)
	}
	if len(pieces) == 0 {
		pieces = r.Pieces(lang)
	}
	st := map[string]Stamp{}
	for k, v := range l.stamps {
		st[k] = v
	}
	var done []string
	for _, p := range pieces {
		src, ok := r.pieceSource("en", p)
		if !ok {
			return nil, fmt.Errorf("no piece %q in the English templates", p)
		}
		st[p] = Stamp{Hash: digest(src), Source: src}
		done = append(done, p)
	}
	data, err := stampsYAML(st)
	if err != nil {
		return nil, err
	}
	l.stamps = st
	return done, os.WriteFile(filepath.Join(dir, lang, StampsFile), data, 0o644)
}

// stampsYAML is the text of a stamps.yaml holding st, sorted by piece.
func stampsYAML(st map[string]Stamp) ([]byte, error) {
	keys := make([]string, 0, len(st))
	for k := range st {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# What each piece of this translation was translated from (appeal templates stamp).\n")
	for _, k := range keys {
		out, err := yaml.Marshal(map[string]Stamp{k: st[k]})
		if err != nil {
			return nil, err
		}
		b.Write(out)
	}
	return []byte(b.String()), nil
}
