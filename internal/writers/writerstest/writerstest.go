// Package writerstest makes writers files of any size for tests and
// benchmarks: fictional writers with Kazakh names living in Kazakh towns,
// or with Persian names living in German towns.
package writerstest

import (
	"encoding/csv"
	"fmt"
	"io"
)

// people is where fictional writers come from.
type people struct {
	given, family, streets []string
	towns                  [][2]string // town, postcode
	country, note          string      // the note goes to every fifth writer
	address                string      // street and number, as the country writes them
}

var (
	kazakh = people{
		given:   []string{"Айгерим", "Нурлан", "Гүлнар", "Ерлан", "Әсем", "Бауыржан", "Жансая", "Дәурен", "Мөлдір", "Қанат", "Ұлжан", "Серік"},
		family:  []string{"Сәрсенбаев", "Жұмабаева", "Омаров", "Қасымова", "Төлеуов", "Нұрланова", "Әбдірахманов", "Серікова", "Ахметов", "Бекова"},
		streets: []string{"Абай даңғылы", "Төле би көшесі", "Сәтпаев көшесі", "Қабанбай батыр көшесі", "Желтоқсан көшесі"},
		towns:   [][2]string{{"Алматы", "050000"}, {"Шымкент", "160000"}, {"Қарағанды", "100000"}, {"Ақтөбе", "030000"}, {"Павлодар", "140000"}, {"Өскемен", "070000"}},
		country: "KZ",
		address: "%s, %d",
		note:    "Мен бұл істі басынан бері бақылап келемін.",
	}
	persian = people{
		given:   []string{"مریم", "علی", "زهرا", "رضا", "فاطمه", "حسین", "نرگس", "امید", "سارا", "مهدی"},
		family:  []string{"احمدی", "حسینی", "رضایی", "کریمی", "محمدی", "موسوی", "جعفری", "نوروزی"},
		streets: []string{"Hauptstraße"},
		towns:   [][2]string{{"Berlin", "10115"}, {"Hamburg", "20095"}, {"Köln", "50667"}, {"München", "80331"}, {"Frankfurt am Main", "60311"}},
		country: "DE",
		address: "%s %d",
		note:    "اینجانب این پرونده را از آغاز پیگیری کرده‌ام.",
	}
)

// CSV writes a writers file of n writers to w: deterministic, every row
// valid, country KZ, no language column (the run's --lang applies).
func CSV(w io.Writer, n int) error { return kazakh.csv(w, n) }

// CSVPersian writes a writers file of n writers to w, as CSV does, with
// Persian names (in Arabic script) living in Germany, and a note in
// Persian for every fifth: for batches of Persian or Arabic letters.
func CSVPersian(w io.Writer, n int) error { return persian.csv(w, n) }

func (p people) csv(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"name", "address", "postcode", "city", "country", "email", "note"})
	for i := range n {
		town := p.towns[i%len(p.towns)]
		note := ""
		if i%5 == 0 {
			note = p.note
		}
		cw.Write([]string{
			p.given[i%len(p.given)] + " " + p.family[(i/len(p.given))%len(p.family)],
			fmt.Sprintf(p.address, p.streets[i%len(p.streets)], 1+i%97),
			town[1], town[0], p.country,
			fmt.Sprintf("writer%d@example.org", i+1),
			note,
		})
	}
	cw.Flush()
	return cw.Error()
}
