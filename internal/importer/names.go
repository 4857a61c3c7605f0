package importer

import (
	"regexp"
	"slices"
	"strings"
)

// Lists of names in running text: "Loujain al-Hathloul, Iman al-Nafjan,
// Dr. Aziza al-Yousef and Amal al-Harbi", and the lists that give each
// name a gender: "Ali Hassan al-Sadadi (m) Fatima Salman Hassan Haji (f)".
var (
	nameWord   = `(?:[\p{Lu}‘'][\p{L}'’‘\-]*|(?:al|el|bin|ibn|bint|de|del|da|dos|van|von)(?:-[\p{Lu}‘'][\p{L}'’‘\-]*)?)`
	listName   = `(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?([\p{Lu}‘'][\p{L}'’‘\-]*(?:\s+` + nameWord + `){1,5})`
	nameList   = regexp.MustCompile(listName + `(?:,\s+` + listName + `)+(?:,?\s+(?:and|et|und|y)\s+` + listName + `)?`)
	listItem   = regexp.MustCompile(listName)
	namePair   = regexp.MustCompile(listName + `\s+(?:and|und|et|y|&)\s+(?:(?:his|her|their|sein|seine|ihr|ihre|son|sa|leur|su)\s+\S+\s+)?` + listName)
	genderedRe = regexp.MustCompile(`([\p{Lu}‘'][\p{L}'’‘\-]*(?:\s+` + nameWord + `){1,5})\s*\(([mfw])\)`)
)

// listedName is a name read from a list, at its place in the text.
type listedName struct {
	name   string
	at     int
	gender gender
}

// listedNames reads the lists of three or more names in body, and the
// names followed by "(m)" or "(f)" when there are two or more.
func listedNames(body string) []listedName {
	body = strings.Join(strings.Fields(body), " ")
	var out []listedName
	if g := genderedRe.FindAllStringSubmatchIndex(body, -1); len(g) >= 2 {
		for _, m := range g {
			out = append(out, listedName{name: body[m[2]:m[3]], at: m[0], gender: genderLetter(body[m[4]:m[5]])})
		}
	}
	for _, loc := range nameList.FindAllStringIndex(body, -1) {
		items := listItem.FindAllStringSubmatchIndex(body[loc[0]:loc[1]], -1)
		var names []listedName
		for _, m := range items {
			n := trimListName(body[loc[0]+m[2] : loc[0]+m[3]])
			if n == "" {
				names = nil
				break
			}
			names = append(names, listedName{name: n, at: loc[0] + m[2]})
		}
		// Three names with "and" before the last, or four with commas only.
		if len(names) >= 4 || len(names) == 3 && endsWithAnd(body[loc[0]:loc[1]]) {
			out = append(out, names...)
		}
	}
	return out
}

// trimListName takes "and" off a name's end and refuses an item that
// reads as a place, a title or an organisation.
func trimListName(n string) string {
	ws := strings.Fields(n)
	for len(ws) > 0 && andWord.MatchString(" "+ws[len(ws)-1]+" ") {
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 {
		return ""
	}
	for _, w := range []string{ws[0], ws[len(ws)-1]} {
		if isNameStop(w) {
			return ""
		}
	}
	return strings.Join(ws, " ")
}

// endsWithAnd reports a list whose last name follows "and".
func endsWithAnd(list string) bool {
	i := strings.LastIndex(list, ",")
	return i >= 0 && andWord.MatchString(list[i:])
}

func genderLetter(s string) gender {
	if s == "m" {
		return male
	}
	return female
}

// listedPrisoners are the names paired in pairs (a title, a paragraph)
// and listed in body that name no recipient, each once.
func listedPrisoners(pairs, body string, recipientNames map[string]bool) []prisoner {
	var out []prisoner
	seen := map[string]bool{}
	for _, n := range append(namePairs(pairs), listedNames(body)...) {
		if recipientNames[fold(n.name)] || seen[fold(n.name)] {
			continue
		}
		seen[fold(n.name)] = true
		g := n.gender
		if g == unstated {
			g = honorificGender(body, n.name)
		}
		out = append(out, prisoner{name: n.name, gender: g})
	}
	return out
}

// namePairs reads two names joined by "and", in a title or a paragraph: "Briefaktion
// für Ali Mohamed Hakeem al-Arab und Ahmed Issa Ahmed al-Malali",
// "Shagufta Kausar et son mari Shafqat Masih".
func namePairs(title string) []listedName {
	var out []listedName
	for _, m := range namePair.FindAllStringSubmatchIndex(title, -1) {
		a, b := trimListName(title[m[2]:m[3]]), trimListName(title[m[4]:m[5]])
		if a != "" && b != "" {
			out = append(out, listedName{name: a, at: m[2]}, listedName{name: b, at: m[4]})
		}
	}
	return out
}

// withCompanions adds the other name of a pair ("Idil Eser et Taner
// Kiliç") whose one name is a prisoner already found.
func withCompanions(out []prisoner, pairs []listedName, recipientNames map[string]bool) []prisoner {
	for k := 0; k+1 < len(pairs); k += 2 {
		for _, ab := range [][2]string{{pairs[k].name, pairs[k+1].name}, {pairs[k+1].name, pairs[k].name}} {
			found := slices.ContainsFunc(out, func(p prisoner) bool { return sharesName(p.name, ab[0]) })
			known := slices.ContainsFunc(out, func(p prisoner) bool { return sharesName(p.name, ab[1]) })
			if found && !known && !namesRecipient(ab[1], recipientNames) {
				out = append(out, prisoner{name: ab[1]})
			}
		}
	}
	return out
}
