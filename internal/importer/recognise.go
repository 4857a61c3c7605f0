package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"appeal/internal/country"
)

// detectLanguage guesses whether the text is English, French or German
// from its commonest small words.
func detectLanguage(text string) string {
	sets := map[string]map[string]bool{
		"en": words("the and of to in is was were they their for on with that have has been please write"),
		"fr": words("le la les des et est pour dans une du au aux qui que sont été il elle vous nous écrivez"),
		"de": words("der die das und ist nicht mit für von zu den dem sich wurde sind sie ein eine schreiben"),
	}
	score := map[string]int{}
	for _, w := range wordsOf(strings.ToLower(text)) {
		for l, set := range sets {
			if set[w] {
				score[l]++
			}
		}
	}
	best := "en"
	for _, l := range []string{"fr", "de"} {
		if score[l] > score[best] {
			best = l
		}
	}
	return best
}

// The reference: "UA 115/16", "UA 65.20", "UA: 12/21", "UA-Nr. 45/20", French "AU 45/23".
var referencePattern = regexp.MustCompile(`\b(UA|AU)\s*(?:-\s*)?(?:Nr\.?|No\.?|n°|nº|#)?\s*:?\s*(\d{1,4}\s*[/.]\s*\d{2,4})\b`)

// findReferences lists the distinct references in text, first seen first.
func findReferences(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, ln := range strings.Split(text, "\n") {
		if !strings.Contains(ln, "UA") && !strings.Contains(ln, "AU") {
			continue // a quick test: the regexp is slow on long texts
		}
		for _, m := range referencePattern.FindAllStringSubmatch(ln, -1) {
			ref := m[1] + " " + strings.ReplaceAll(m[2], " ", "")
			if !seen[ref] {
				seen[ref] = true
				out = append(out, ref)
			}
		}
	}
	return out
}

// Dates as Urgent Actions write them.
var (
	dayMonthYear = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(` + monthPattern + `)\s*,?\s+(?:de\s+)?(\d{4})\b`)
	monthDayYear = regexp.MustCompile(`(?i)\b(` + monthPattern + `)\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})\b`)
	isoDate      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	dottedDate   = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	slashDate    = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	dayMonth     = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(` + monthPattern + `)\b|\b(` + monthPattern + `)\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	// What stands before a deadline.
	deadlineCue = regexp.MustCompile(`(?i)\b(?:sending appeals after|before|by|until|no later than|expires on|expires|avant le|avant|d'ici le|jusqu'au|au plus tard le|bis zum|bis spätestens|bis spaetestens|spätestens am|spätestens bis|bis|nach dem|antes del|antes de|délai d'envoi|ended on)\s*:?\s*`)
)

// deadline is what findDeadline found.
type deadline struct {
	date  string // YYYY-MM-DD, or "" when the source gives none that can be read
	check string // a doubt
	line  int
}

// findDeadline looks for the first date that follows a deadline cue
// ("before", "expires on", "avant le", "bis zum") in the lines.
func findDeadline(lines []line, lang string) deadline {
	var found []deadline
	for _, l := range lines {
		if !looksLikeDeadlineLine(l.text) || !strings.ContainsAny(l.text, "0123456789") {
			continue // "adjourned until 14 March 2017": not the appeals' deadline
		}
		for _, loc := range deadlineCue.FindAllStringIndex(l.text, -1) {
			rest := l.text[loc[1]:]
			if len(rest) > 40 {
				rest = rest[:40]
			}
			d, ok := parseDate(rest, lang, true)
			if !ok {
				if m := dayMonthYear.FindStringIndex(rest); m != nil && m[0] == 0 {
					found = append(found, deadline{check: fmt.Sprintf("the source gives the deadline as %q, which is not a date in the calendar; write the right one as YYYY-MM-DD", rest[:m[1]]), line: l.n})
				} else if m := dayMonth.FindStringIndex(rest); m != nil && m[0] == 0 {
					found = append(found, deadline{check: fmt.Sprintf("the source gives the deadline as %q, without a year; write it as YYYY-MM-DD", strings.TrimSpace(rest[:m[1]])), line: l.n})
				}
				continue
			}
			d.line = l.n
			found = append(found, d)
		}
	}
	var best deadline
	for _, d := range found {
		if d.date != "" && best.date == "" {
			best = d
		}
	}
	if best.date == "" {
		if len(found) > 0 {
			return found[0]
		}
		return deadline{}
	}
	for _, d := range found {
		if d.date != "" && d.date != best.date && best.check == "" {
			best.check = fmt.Sprintf("the source also names %s as a deadline (line %d)", d.date, d.line)
		}
	}
	return best
}

func looksLikeDeadlineLine(s string) bool {
	low := strings.ToLower(s)
	for _, w := range []string{"appeal", "send", "write", "expire", "action", "écri", "ecri", "envoy", "avant le", "appel", "schreib", "briefe", "appelle", "aktion", "contact", "llamamiento", "délai", "envía", "envíe", "ended"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// parseDate reads a date at the start of s (atStart) or anywhere in it.
func parseDate(s, lang string, atStart bool) (deadline, bool) {
	ok := func(loc []int) bool { return loc != nil && (!atStart || loc[0] == 0) }
	if m := dayMonthYear.FindStringSubmatchIndex(s); ok(m) {
		return mkDate(s[m[6]:m[7]], months[strings.TrimSuffix(strings.ToLower(s[m[4]:m[5]]), ".")], s[m[2]:m[3]], "")
	}
	if m := monthDayYear.FindStringSubmatchIndex(s); ok(m) {
		return mkDate(s[m[6]:m[7]], months[strings.TrimSuffix(strings.ToLower(s[m[2]:m[3]]), ".")], s[m[4]:m[5]], "")
	}
	if m := isoDate.FindStringSubmatchIndex(s); ok(m) {
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		return mkDate(s[m[2]:m[3]], mo, s[m[6]:m[7]], "")
	}
	if m := dottedDate.FindStringSubmatchIndex(s); ok(m) {
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		return mkDate(s[m[6]:m[7]], mo, s[m[2]:m[3]], "")
	}
	if m := slashDate.FindStringSubmatchIndex(s); ok(m) {
		a, _ := strconv.Atoi(s[m[2]:m[3]])
		b, _ := strconv.Atoi(s[m[4]:m[5]])
		if lang == "en" && a <= 12 && b <= 12 && a != b {
			d, good := mkDate(s[m[6]:m[7]], b, s[m[2]:m[3]], "")
			d.check = fmt.Sprintf("the source writes %q: read as day/month; if it means month/day, swap them", s[m[0]:m[1]])
			return d, good
		}
		if lang == "en" && b > 12 {
			return mkDate(s[m[6]:m[7]], a, s[m[4]:m[5]], "")
		}
		return mkDate(s[m[6]:m[7]], b, s[m[2]:m[3]], "")
	}
	return deadline{}, false
}

func mkDate(year string, month int, day, check string) (deadline, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || y < 1950 || y > 2200 {
		return deadline{}, false
	}
	t := time.Date(y, time.Month(month), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return deadline{}, false
	}
	return deadline{date: t.Format(time.DateOnly), check: check}, true
}

// The sentence that asks for letters in named languages.
// (Go's \b knows ASCII letters only; "(?:^|\PL)" is a word boundary for
// words that start with "É".)
var writeInCue = regexp.MustCompile(`(?i)(?:^|\PL)(?:write|written|writing|letters|escriban|escriba|escribe|escribir|écrivez|ecrivez|écrire|ecrire|rédigez|rédiger|schreiben|schreibt|verfassen)(?:$|\PL)`)

// findLanguages reads "Please write immediately in Kazakh, Russian, English
// or your own language" as [kk ru en], in the order given.
func findLanguages(lines []line) (tags []string, at int) {
	names := languageNames()
	for _, l := range lines {
		// "Bitte schreiben Sie Ihre Appelle möglichst sofort. Schreiben Sie
		// in gutem Persisch, …": the languages follow the second cue.
		seen := map[string]bool{}
		var out []string
		for _, loc := range writeInCue.FindAllStringIndex(l.text, -1) {
			if len(out) > 0 {
				break
			}
			out = appendLanguages(out, seen, l.text[loc[1]:], names)
		}
		if len(out) > 0 {
			return out, l.n
		}
	}
	return nil, 0
}

// appendLanguages adds the languages the clause at the start of s names.
func appendLanguages(out []string, seen map[string]bool, s string, names map[string]string) []string {
	ws := wordsOf(strings.ToLower(s[:sentenceEnd(s)]))
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		// "your own language", "votre propre langue", "Ihrer eigenen Sprache", "su propio idioma"
		if w == "own" || w == "propre" || w == "eigenen" || w == "eigene" || w == "propio" {
			i++
			continue
		}
		if code, ok := names[w]; ok && !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out
}

// Country names in English (appeal/internal/country), French and German,
// with "Republic of X" and the like taken off.
var (
	regionOnce  sync.Once
	regionNames map[string]string
	statePrefix = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:federal|democratic|islamic|socialist|united|people's|arab|bolivarian|plurinational|kyrgyz|oriental)\s+)*(?:republic|kingdom|state|sultanate|emirate|federation|commonwealth|principality|grand duchy)\s+of\s+(?:the\s+)?|^(?:la\s+|le\s+|l'\s*)?(?:république|royaume|état|etat|fédération)\s+(?:fédérale\s+|islamique\s+|démocratique\s+)?(?:de\s+la\s+|de\s+l'\s*|du\s+|des\s+|de\s+|d'\s*)|^(?:die\s+|das\s+)?(?:republik|königreich|bundesrepublik|föderation|staat)\s+`)
)

func countryCode(s string) (string, bool) {
	s = strings.TrimSpace(strings.Trim(plainQuotes(s), ".,;"))
	if s == "" || len(s) > 60 {
		return "", false
	}
	if len(s) == 2 && isCaps(s) {
		// A bare two-letter word is more often an abbreviation than a country.
		return "", false
	}
	if code, ok := country.Parse(s); ok {
		return code, true
	}
	regionOnce.Do(func() {
		regionNames = map[string]string{}
		for _, n := range []display.Namer{display.French.Regions(), display.German.Regions()} {
			for a := 'A'; a <= 'Z'; a++ {
				for b := 'A'; b <= 'Z'; b++ {
					code := string([]rune{a, b})
					r, err := language.ParseRegion(code)
					if err != nil || !r.IsCountry() || !country.Valid(code) {
						continue
					}
					if name := n.Name(r); name != "" {
						regionNames[fold(name)] = code
					}
				}
			}
		}
	})
	if code, ok := regionNames[fold(s)]; ok {
		return code, true
	}
	if !hasStateWord(s) {
		return "", false
	}
	if rest := statePrefix.ReplaceAllString(s, ""); rest != s && rest != "" {
		return countryCode(rest)
	}
	return "", false
}

// hasStateWord is a quick test before statePrefix.
func hasStateWord(s string) bool {
	low := strings.ToLower(s)
	for _, w := range []string{"republic", "kingdom", "state", "sultanate", "emirate", "federation", "commonwealth", "principality", "duchy",
		"républi", "royaume", "état", "etat", "fédération", "republik", "königreich", "föderation", "staat"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// sentenceEnd is the index where the sentence s starts with ends: at ".",
// ":", "!" or "?", but not at the full stop of "3. Mai".
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':', '!', '?':
			return i
		case '.':
			if i == 0 || s[i-1] < '0' || s[i-1] > '9' {
				return i
			}
		}
	}
	return len(s)
}
