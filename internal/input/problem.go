// Package input is what every reader of the user's files shares: the
// problems they report (FILE:LINE: PATH: message, all at once), the
// did-you-mean for a misspelt name, YAML errors and node kinds, text
// encodings, and language tags. The case, sender and writers files and
// the importer all report through it.
package input

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with an input file.
type Problem struct {
	File string
	Line int    // 0 when the problem has no line
	Path string // e.g. recipients[1].title.ru; empty for the whole file
	Msg  string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in one input, in file order. It is the
// error type of invalid input.
type Problems []Problem

// maxShown is how many problems Error lists before it only counts the rest.
const maxShown = 20

func (ps Problems) Error() string { return ps.List(maxShown) }

// List writes at most limit problems, one a line, and counts the rest; a
// limit below 1 lists them all.
func (ps Problems) List(limit int) string {
	var lines []string
	for i, p := range ps {
		if limit > 0 && i == limit {
			lines = append(lines, fmt.Sprintf("%s: and %d more problems; 'appeal validate' lists them all", p.File, len(ps)-limit))
			break
		}
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// All is Problems that are listed in full: what validate reports.
type All struct{ Problems }

func (a All) Error() string { return a.Problems.List(0) }
func (a All) Unwrap() error { return a.Problems }

// Sort orders ps by line, keeping the order of problems on one line.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// Under reports whether path is, or lies inside, the path of one of ps:
// a problem there has been reported already.
func (ps Problems) Under(path string) bool {
	for _, p := range ps {
		if p.Path == path || strings.HasPrefix(path, p.Path+".") || strings.HasPrefix(path, p.Path+"[") {
			return true
		}
	}
	return false
}

// Within reports whether one of ps lies inside path: a value under path
// could not be read, so what path lacks is already explained.
func (ps Problems) Within(path string) bool {
	for _, p := range ps {
		if strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[") {
			return true
		}
	}
	return false
}

// IsInvalid reports whether err is, or wraps, Problems: input the user must fix.
func IsInvalid(err error) bool {
	var ps Problems
	return errors.As(err, &ps)
}

// Closest returns the name of known nearest to key (ignoring case) when it
// is a likely misspelling, two edits away at most; else "".
func Closest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := levenshtein(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 {
		return len(ra) // not a misspelling of a short name
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
