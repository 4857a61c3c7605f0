package importer

import (
	"regexp"
	"strings"
	"unicode"
)

// streetAbbrev starts a street name: "Ul.Lenina", "Al. Ujazdowskie".
var streetAbbrev = regexp.MustCompile(`^\p{Lu}\p{Ll}{0,2}\.`)

// runTogether reads a recipient's fields written one after another with no
// commas: "Tsukanov Aleksey Nikolaevich Prosecutor of Kursk Region
// Prosecutor's Office of Kursk Region Ul.Lenina", "Procureur général
// Zbigniew Ziobro Al. Ujazdowskie 11 00-950 Warsaw Pologne". It returns
// nil unless it finds a name with a title or an organisation, followed by
// an organisation or an address.
func runTogether(s string) []field {
	rest, g, honorific := stripHonorifics(s)
	ws := strings.Fields(rest)
	if len(ws) < 5 {
		return nil
	}
	addrAt := len(ws)
	for i, w := range ws {
		if i > 0 && (strings.IndexFunc(w, unicode.IsDigit) >= 0 || streetAbbrev.MatchString(w)) {
			addrAt = i
			break
		}
	}
	head := ws[:addrAt]
	orgAt := orgStart(head)
	title, name := titleAndName(head[:orgAt])
	if name == "" && orgAt+1 < len(head) && isOrgWord(head[orgAt+1]) {
		// "Antonov Embassy …" is a name's end, "Permanent Mission …" an organisation's start.
		orgAt++
		title, name = titleAndName(head[:orgAt])
	}
	more := orgAt < len(head) || addrAt < len(ws) // the line goes on after the name and title
	if !more || title == "" && orgAt == len(head) || !plainName(name) || mostlyLower(ws) {
		return nil
	}
	var fs []field
	if honorific {
		fs = append(fs, field{kind: kGender, gender: g})
	}
	if title != "" {
		fs = append(fs, field{kind: kTitle, value: title})
	}
	fs = append(fs, field{kind: kName, value: name})
	if orgAt < len(head) {
		fs = append(fs, field{kind: kOrg, value: strings.Join(head[orgAt:], " ")})
	}
	return append(fs, addressAndCountry(ws[addrAt:])...)
}

// orgStart is where an organisation's name begins among words: at an
// organisation's word, a possessive ("Prosecutor's Office") or the word
// before an organisation's word ("Permanent Mission"), but not inside a
// phrase after "of" ("of Kursk Region").
func orgStart(ws []string) int {
	conn := func(i int) bool { return i >= 0 && connectors[strings.ToLower(ws[i])] }
	for j := 1; j < len(ws); j++ {
		afterConn := conn(j-1) || conn(j-2) && startsUpper(ws[j-1])
		possessive := strings.HasSuffix(ws[j], "'s") || strings.HasSuffix(ws[j], "’s")
		org := isOrgWord(ws[j]) || j+1 < len(ws) && isOrgWord(ws[j+1]) && startsUpper(ws[j]) && !isTitleWord(ws[j])
		if possessive || org && !afterConn {
			return j
		}
	}
	return len(ws)
}

// titleAndName splits "Prosecutor of Kursk Region" after or before a name
// of two to five words.
func titleAndName(ws []string) (title, name string) {
	if len(ws) == 0 {
		return "", ""
	}
	k := 0
	if isTitleWord(ws[0]) {
		// The title, then the name: "Procureur général Zbigniew Ziobro".
		for k = 1; k < len(ws) && (startsLower(ws[k]) || isTitleWord(ws[k]) || connectors[strings.ToLower(ws[k-1])]); k++ {
		}
		return nameOrNothing(ws[:k], ws[k:])
	}
	for k < len(ws) && !isTitleWord(ws[k]) {
		k++
	}
	t, n := nameOrNothing(ws[k:], ws[:k])
	return t, n
}

func nameOrNothing(title, name []string) (string, string) {
	if len(name) < 2 || len(name) > 5 || !looksLikeName(name) {
		return "", ""
	}
	return strings.Join(title, " "), strings.Join(name, " ")
}

// addressAndCountry reads the address words, the country last.
func addressAndCountry(ws []string) []field {
	if len(ws) == 0 {
		return nil
	}
	for n := 2; n >= 1; n-- {
		if len(ws) > n {
			if code, ok := countryCode(strings.Join(ws[len(ws)-n:], " ")); ok {
				return []field{{kind: kAddress, value: strings.Join(ws[:len(ws)-n], " ")}, {kind: kCountry, value: code}}
			}
		}
	}
	return []field{{kind: kAddress, value: strings.Join(ws, " ")}}
}

// plainName reports a name of capitalised words and Arabic particles
// only: not "Crown Prince and Prime", "Mr Peter Nkhoma", "SAMPLE LETTER".
func plainName(name string) bool {
	if name == "" || isCaps(name) || strings.ContainsAny(name, ",;:") || salutationRe.MatchString(name) {
		return false
	}
	if _, _, ok := stripHonorifics(name); ok {
		return false
	}
	for _, w := range strings.Fields(name) {
		switch strings.ToLower(w) {
		case "bin", "ibn", "al", "el", "van", "von":
			continue
		}
		if !startsUpper(w) && !prefixedName(w) {
			return false
		}
	}
	return true
}

// mostlyLower reports running text: more than a third of its words in
// lower case.
func mostlyLower(ws []string) bool {
	n := 0
	for _, w := range ws {
		if startsLower(w) {
			n++
		}
	}
	return n*3 > len(ws)
}
