package render

import (
	"appeal/internal/script"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// No-break spaces: the no-break space a case author types, and the
// narrow one, are kept as they are and never become line breaks.
const (
	nbsp       = '\u00a0'
	narrowNbsp = '\u202f'
)

// isBreakingSpace reports whether r is white space a line may break at.
func isBreakingSpace(r rune) bool {
	return unicode.IsSpace(r) && r != nbsp && r != narrowNbsp && r != '\u2007'
}

// fields splits s at white space as strings.Fields does, but keeps
// no-break spaces inside the words.
func fields(s string) []string { return strings.FieldsFunc(s, isBreakingSpace) }

// OneLine folds s to one line: runs of breaking white space become one
// space, no-break spaces stay.
func OneLine(s string) string { return oneLine(s) }

// oneLine folds s to one line with single spaces, keeping no-break spaces.
func oneLine(s string) string {
	if isOneLine(s) {
		return s // most texts are, and a batch folds each thousands of times
	}
	return strings.Join(fields(s), " ")
}

// isOneLine reports whether s is already folded: single plain spaces
// between words, none at the ends, no other breaking white space.
func isOneLine(s string) bool {
	prevSpace := true // a space at the start is not folded
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			i++
			continue
		case c < 0x80:
			if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				return false
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if isBreakingSpace(r) {
				return false
			}
			i += n
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// Typography is how a language sets quotes and spaces (locale.yaml).
type Typography struct {
	// Quotes are four characters: outer opening and closing, inner
	// opening and closing: “”‘’ in English, «»„“ in Russian. Straight
	// double quotes in the case's texts become these.
	Quotes string `yaml:"quotes"`
	// Apostrophe replaces a straight ' inside a word (English ’).
	Apostrophe string `yaml:"apostrophe"`
	// NoBreak ties, with no-break spaces, an initial to what follows
	// ("Ж. К. Асанов"), a number to the word after it ("1500 км", "20
	// января", "2017 г."), the groups of a long number ("1 500") and a
	// dash to the word before it, as Russian and Kazakh typesetting does.
	NoBreak bool `yaml:"no_break"`
	// Abbreviations are tied to the word after them with a no-break space
	// ("г. Астана", "ул. Орынбор"), when NoBreak is set.
	Abbreviations []string `yaml:"abbreviations"`
	// Short words (prepositions, conjunctions) tied to the word after them:
	// "и 400", "в Казахстане".
	Short []string `yaml:"short"`
	// BeforeNumbers are words tied to the number after them ("статьи
	// 174"); the months are, in every language ("20 January 2017").
	BeforeNumbers []string `yaml:"before_numbers"`
	// FrenchSpacing sets the spaces of French typography: a narrow
	// no-break space before ; ! ? and a no-break space before : and
	// inside « », whether the text had a space there or not.
	FrenchSpacing bool `yaml:"french_spacing"`

	months []string // the locale's month names
	memo   *memo    // strings set already: a batch sets the same facts thousands of times
	// dayDot: the date writes the day with a full stop ("14. März"), and
	// so do the texts: such a day is tied to its month too.
	dayDot bool
}

// memo remembers what set made of a string, up to a bound.
type memo struct {
	mu   sync.Mutex
	done map[string]string
}

// maxMemo bounds the strings remembered: the case's texts and addresses,
// which every letter repeats, come first; a writer's own opening need not.
const maxMemo = 4096

// set applies the typography to s, a line of running text.
func (ty Typography) set(s string) string {
	if s == "" || ty.memo == nil {
		return ty.apply(s)
	}
	ty.memo.mu.Lock()
	out, ok := ty.memo.done[s]
	ty.memo.mu.Unlock()
	if ok {
		return out
	}
	out = ty.apply(s)
	ty.memo.mu.Lock()
	if len(ty.memo.done) < maxMemo {
		ty.memo.done[s] = out
	}
	ty.memo.mu.Unlock()
	return out
}

func (ty Typography) apply(s string) string {
	if s == "" {
		return s
	}
	if q := []rune(ty.Quotes); len(q) == 4 && strings.ContainsRune(s, '"') {
		s = curlQuotes(s, q)
	}
	if ty.Apostrophe != "" && strings.ContainsRune(s, '\'') {
		s = apostrophes(s, ty.Apostrophe)
	}
	s = ty.tieNumbers(s)
	if ty.NoBreak {
		s = noBreaks(s)
		for _, a := range ty.Abbreviations {
			s = tieAfter(s, a)
		}
		for _, w := range ty.Short {
			s = tieAfter(s, w)
			s = tieAfter(s, script.Capitalise(w))
		}
	}
	if ty.FrenchSpacing && strings.ContainsAny(s, ";:!?«»") {
		s = frenchSpacing(s)
	}
	return s
}

// frenchSpacing puts the spaces French typography wants: a narrow
// no-break space before ; ! ? and a no-break space before : and after «
// and before », in place of a plain space or where there was none. A mark
// in a word, a number or an address ("14:30", "https://", "?id=2") is
// left alone: only one followed by a space, a closing bracket or quote,
// another mark or the end is spaced, and only one space goes before a run
// of marks ("?!").
func frenchSpacing(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs)+8)
	trim := func() { // drops the spaces at the end of out
		for len(out) > 0 && unicode.IsSpace(out[len(out)-1]) {
			out = out[:len(out)-1]
		}
	}
	skip := false // the spaces after «, which its no-break space replaces
	for i, r := range rs {
		if skip && unicode.IsSpace(r) {
			continue
		}
		skip = false
		switch r {
		case ';', '!', '?', ':':
			next := ' '
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if !unicode.IsSpace(next) && !strings.ContainsRune(";:!?.,)]»”’", next) {
				break // in a word, a number or an address
			}
			trim()
			if len(out) == 0 || strings.ContainsRune(";:!?", out[len(out)-1]) {
				break
			}
			if r == ':' {
				out = append(out, nbsp)
			} else {
				out = append(out, narrowNbsp)
			}
		case '«':
			out = append(out, r, nbsp)
			skip = true
			continue
		case '»':
			trim()
			out = append(out, nbsp)
		}
		out = append(out, r)
	}
	return string(out)
}

// tieNumbers ties a number to a month name next to it ("20 January",
// "мая 2016", "23 يونيو/حزيران 2022") and to the words listed before
// numbers ("статьи 174"). A month name of two words ("تشرين الثاني") is
// itself tied, so that a date never breaks between its parts.
func (ty Typography) tieNumbers(s string) string {
	for _, m := range ty.months {
		if strings.Contains(m, " ") && strings.Contains(s, m) {
			s = strings.ReplaceAll(s, m, strings.ReplaceAll(m, " ", string(nbsp)))
		}
	}
	words := strings.Split(s, " ")
	if len(words) < 2 {
		return s
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			prev := words[i-1]
			if startsWithDigit(w) && ty.beforeNumber(prev) || ty.endsWithDay(prev) && ty.isMonth(w) {
				b.WriteRune(nbsp)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// endsWithDay reports whether w can be the day before a month's name:
// "20" ("20 January"), and "20." where the date is written so ("20. Mai").
func (ty Typography) endsWithDay(w string) bool {
	if ty.dayDot {
		w = strings.TrimSuffix(w, ".")
	}
	return endsWithDigit(w)
}

// isMonth reports whether w is a month's name, or two joined by a slash
// as Arabic texts name a month ("يونيو/حزيران"), perhaps with punctuation
// after it.
func (ty Typography) isMonth(w string) bool {
	w = strings.TrimRight(w, ",.;:)،؛")
	if a, b, ok := strings.Cut(w, "/"); ok && a != "" && b != "" {
		return ty.isMonth(a) || ty.isMonth(b)
	}
	w = strings.ReplaceAll(w, string(nbsp), " ")
	for _, m := range ty.months {
		if strings.EqualFold(w, m) || strings.HasPrefix(strings.ToLower(w), strings.ToLower(m)) && len(w) <= len(m)+4 {
			return true // "мамырда", "наурызда": the month with a case ending
		}
	}
	return false
}

func (ty Typography) beforeNumber(w string) bool {
	if ty.isMonth(w) {
		return true
	}
	for _, b := range ty.BeforeNumbers {
		if strings.EqualFold(w, b) {
			return true
		}
	}
	return false
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

func endsWithDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}

// tieAfter puts a no-break space after every abbr in s that starts a word.
func tieAfter(s, abbr string) string {
	if !strings.Contains(s, abbr+" ") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, abbr+" ")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		b.WriteString(s[:i+len(abbr)])
		if i == 0 || !unicode.IsLetter(r) && r != '-' {
			b.WriteRune(nbsp)
		} else {
			b.WriteByte(' ')
		}
		s = s[i+len(abbr)+1:]
	}
}

// curlQuotes turns straight double quotes into q's opening and closing
// quotes: a quote after a space, an opening bracket or the start opens,
// any other closes; a quote opened inside another takes the inner pair.
func curlQuotes(s string, q []rune) string {
	var b strings.Builder
	depth := 0
	prev := ' '
	for _, r := range s {
		if r == '"' {
			opens := unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev) || prev == q[0] || prev == q[2]
			switch {
			case opens && depth == 0:
				r, depth = q[0], 1
			case opens:
				r, depth = q[2], depth+1
			case depth > 1:
				r, depth = q[3], depth-1
			default:
				r, depth = q[1], 0
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// apostrophes replaces a straight ' between two letters (don't, O'Brien).
func apostrophes(s, apo string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == '\'' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]) {
			b.WriteString(apo)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// noBreaks puts no-break spaces where Russian and Kazakh typesetting
// forbids a line break: after an initial ("Ж. К. Асанов"), after "№",
// between a number and the word or number group after it ("20 января",
// "1 500 км") unless that word is a lone letter ("274 и 400"), between a
// word and the number after it ("статьи 174", "мая 2016"), and before a
// dash.
func noBreaks(s string) string {
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != ' ' {
			continue
		}
		prev, next := rs[i-1], rs[i+1]
		switch {
		case next == '—' || next == '–':
			rs[i] = nbsp
		case prev == '№':
			rs[i] = nbsp
		case unicode.IsLetter(prev) && (i < 2 || rs[i-2] == ' ' || rs[i-2] == nbsp) && unicode.IsLetter(next):
			rs[i] = nbsp // a one-letter word goes with the next: "и Талгат", "C гепатитімен"
		case prev == '.' && i >= 2 && unicode.IsUpper(rs[i-2]) && (i < 3 || !unicode.IsLetter(rs[i-3])) && unicode.IsUpper(next):
			rs[i] = nbsp // an initial: a lone capital and a full stop
		case unicode.IsDigit(prev) && unicode.IsLetter(next) && !(i+2 < len(rs) && rs[i+2] == ' '):
			rs[i] = nbsp
		case unicode.IsDigit(prev) && unicode.IsDigit(next) && groupOfThree(rs, i+1) && shortNumber(rs, i-1):
			rs[i] = nbsp // 1 500
		}
	}
	return string(rs)
}

// groupOfThree reports whether rs has exactly three digits from i on.
func groupOfThree(rs []rune, i int) bool {
	n := 0
	for ; i+n < len(rs) && unicode.IsDigit(rs[i+n]); n++ {
	}
	return n == 3
}

// shortNumber reports whether the digits ending at i are one to three.
func shortNumber(rs []rune, i int) bool {
	n := 0
	for ; i-n >= 0 && unicode.IsDigit(rs[i-n]); n++ {
	}
	return n >= 1 && n <= 3
}

// tieNumbers ties every token of an address line that holds a digit to
// its neighbours with no-break spaces, so that a postcode stays with its
// town and a house number with its street when the line is wrapped.
func tieNumbers(line string) string {
	words := fields(line)
	if len(words) < 2 {
		return line
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			if hasDigit(words[i-1]) || hasDigit(w) {
				b.WriteRune(nbsp)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}
