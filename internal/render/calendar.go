package render

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Calendars a locale may date its letters in (locale.yaml calendar).
const (
	Gregorian = "gregorian"
	// Persian is the Solar Hijri calendar, in which Iranian official
	// letters are dated: 22 Bahman 1395 is 10 February 2017.
	Persian = "persian"
)

// numberingSystems are the digits of the CLDR numbering systems a locale
// may name (locale.yaml numbering), by their CLDR ids: latn 0-9, arab the
// Arabic-Indic digits of Arabic, arabext the Eastern Arabic-Indic digits
// of Persian and Urdu.
var numberingSystems = map[string]string{
	"latn":    "0123456789",
	"arab":    "٠١٢٣٤٥٦٧٨٩",
	"arabext": "۰۱۲۳۴۵۶۷۸۹",
}

// Digits writes the ASCII digits of s in the numbering system ns of a
// locale.yaml (latn, 0-9, when empty or unknown): for the web page's
// numbers as for letters.
func Digits(ns, s string) string { return digits(ns, s) }

// digits writes the ASCII digits of s in the numbering system ns (latn
// when empty).
func digits(ns, s string) string {
	set, ok := numberingSystems[ns]
	if !ok || ns == "latn" {
		return s
	}
	ds := []rune(set)
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return ds[r-'0']
		}
		return r
	}, s)
}

func knownNumbering() string {
	var out []string
	for k := range numberingSystems {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

func checkNumbering(key, ns string) error {
	if _, ok := numberingSystems[ns]; ns != "" && !ok {
		return fmt.Errorf("%s: %q is not a numbering system appeal knows (%s)", key, ns, knownNumbering())
	}
	return nil
}

// jalali is the Solar Hijri (Persian) date of the day t falls on, in t's
// location. It follows the arithmetic of Borkowski's algorithm as
// jalaali-js implements it: leap years come in 33-year cycles between the
// break years of jalBreaks, which keep the year starting on the day of
// the March equinox (at Tehran's meridian) for years -61 to 3177.
func jalali(t time.Time) (year, month, day int) {
	gy := t.Year()
	days := func(y int, m time.Month, d int) int {
		return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	}
	year = gy - 621
	leap, march := jalCal(year)
	k := days(gy, t.Month(), t.Day()) - days(gy, time.March, march)
	if k >= 0 {
		if k <= 185 { // Farvardin to Shahrivar: 31 days each
			return year, 1 + k/31, k%31 + 1
		}
		k -= 186
	} else { // before Nowruz: the end of the previous year
		year--
		k += 179
		if leap == 1 {
			k++
		}
	}
	return year, 7 + k/30, k%30 + 1
}

// jalBreaks are the Solar Hijri years where the 33-year leap cycle
// shifts (jalaali-js, after Borkowski 1996).
var jalBreaks = []int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

// jalCal tells of Solar Hijri year jy how many years it is after its
// last leap year (leap: 0 for a leap year) and on which day of March of
// the Gregorian year jy+621 it begins.
func jalCal(jy int) (leap, march int) {
	gy := jy + 621
	leapJ := -14
	jp := jalBreaks[0]
	jump := 0
	for _, jm := range jalBreaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += jump/33*8 + jump%33/4
		jp = jm
	}
	n := jy - jp
	leapJ += n/33*8 + (n%33+3)/4
	if jump%33 == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := gy/4 - (gy/100+1)*3/4 - 150
	march = 20 + leapJ - leapG
	if jump-n < 6 {
		n = n - jump + (jump+4)/33*33
	}
	leap = ((n+1)%33 - 1) % 4
	if leap == -1 {
		leap = 4
	}
	return leap, march
}

// caseDigits writes the ASCII digits of a case's text s in the numbering
// system ns, as the letter writes its own numbers: "في 3 مارس 2026" is
// "في ٣ مارس ٢٠٢٦" in an Arabic letter from Egypt. Digits that belong to
// Latin-script text stay as written: a word with a Latin letter in it
// ("SW1Y"), a number next to a Latin word ("UA 115/16", "No. 15",
// "12 Example Street"), an e-mail address, a URL, and each of keep (the
// case's reference).
func caseDigits(ns, s string, keep ...string) string {
	if _, ok := numberingSystems[ns]; !ok || ns == "latn" || !strings.ContainsAny(s, "0123456789") {
		return s
	}
	protect := make([]bool, len(s))
	mark := func(from, to int) {
		for i := from; i < to; i++ {
			protect[i] = true
		}
	}
	for _, k := range keep {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		for i := 0; ; {
			j := strings.Index(s[i:], k)
			if j < 0 {
				break
			}
			mark(i+j, i+j+len(k))
			i += j + len(k)
		}
	}
	tokens := wordSpans.FindAllStringIndex(s, -1)
	latin := func(i int) bool {
		return i >= 0 && i < len(tokens) && latinLetter.MatchString(s[tokens[i][0]:tokens[i][1]])
	}
	for i, t := range tokens {
		w := s[t[0]:t[1]]
		if !strings.ContainsAny(w, "0123456789") {
			continue
		}
		// A Latin word joined to the number: "UA 115/16", "No. 15", "12
		// Example Street"; not "(UA" after a year, nor "Amnesty)" before.
		before := latin(i-1) && !strings.ContainsAny(s[tokens[i-1][1]-1:tokens[i-1][1]], ")]}\"'»,;:")
		after := latin(i+1) && !strings.ContainsAny(s[tokens[i+1][0]:tokens[i+1][0]+1], "([{\"'«")
		if latin(i) || strings.Contains(w, "@") || strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www.") || before || after {
			mark(t[0], t[1])
		}
	}
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' && !protect[i] {
			b.WriteString(digits(ns, string(r)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	wordSpans   = regexp.MustCompile(`[^\s\x{00a0}\x{202f}]+`)
	latinLetter = regexp.MustCompile(`\p{Latin}`)
)
