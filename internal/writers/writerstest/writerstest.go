// Package writerstest makes writers files of any size for tests and
// benchmarks: fictional writers with Kazakh names living in Kazakh towns,
// or with Persian names living in German towns.
package writerstest

import (
	"encoding/csv"
	"fmt"
	"io"
)

var (
	given   = []string{"Айгерим", "Нурлан", "Гүлнар", "Ерлан", "Әсем", "Бауыржан", "Жансая", "Дәурен", "Мөлдір", "Қанат", "Ұлжан", "Серік"}
	family  = []string{"Сәрсенбаев", "Жұмабаева", "Омаров", "Қасымова", "Төлеуов", "Нұрланова", "Әбдірахманов", "Серікова", "Ахметов", "Бекова"}
	streets = []string{"Абай даңғылы", "Төле би көшесі", "Сәтпаев көшесі", "Қабанбай батыр көшесі", "Желтоқсан көшесі"}
	towns   = [][2]string{{"Алматы", "050000"}, {"Шымкент", "160000"}, {"Қарағанды", "100000"}, {"Ақтөбе", "030000"}, {"Павлодар", "140000"}, {"Өскемен", "070000"}}
)

// CSV writes a writers file of n writers to w: deterministic, every row
// valid, country KZ, no language column (the run's --lang applies).
func CSV(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"name", "address", "postcode", "city", "country", "email", "note"})
	for i := range n {
		g, f := given[i%len(given)], family[(i/len(given))%len(family)]
		town := towns[i%len(towns)]
		note := ""
		if i%5 == 0 {
			note = "Мен бұл істі басынан бері бақылап келемін."
		}
		cw.Write([]string{
			g + " " + f,
			fmt.Sprintf("%s, %d", streets[i%len(streets)], 1+i%97),
			town[1], town[0], "KZ",
			fmt.Sprintf("writer%d@example.org", i+1),
			note,
		})
	}
	cw.Flush()
	return cw.Error()
}

var (
	givenFa  = []string{"مریم", "علی", "زهرا", "رضا", "فاطمه", "حسین", "نرگس", "امید", "سارا", "مهدی"}
	familyFa = []string{"احمدی", "حسینی", "رضایی", "کریمی", "محمدی", "موسوی", "جعفری", "نوروزی"}
	townsDE  = [][2]string{{"Berlin", "10115"}, {"Hamburg", "20095"}, {"Köln", "50667"}, {"München", "80331"}, {"Frankfurt am Main", "60311"}}
)

// CSVPersian writes a writers file of n writers to w, as CSV does, with
// Persian names (in Arabic script) living in Germany, and a note in
// Persian for every fifth: for batches of Persian or Arabic letters.
func CSVPersian(w io.Writer, n int) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"name", "address", "postcode", "city", "country", "email", "note"})
	for i := range n {
		g, f := givenFa[i%len(givenFa)], familyFa[(i/len(givenFa))%len(familyFa)]
		town := townsDE[i%len(townsDE)]
		note := ""
		if i%5 == 0 {
			note = "اینجانب این پرونده را از آغاز پیگیری کرده‌ام."
		}
		cw.Write([]string{
			g + " " + f,
			fmt.Sprintf("Hauptstraße %d", 1+i%97),
			town[1], town[0], "DE",
			fmt.Sprintf("writer%d@example.org", i+1),
			note,
		})
	}
	cw.Flush()
	return cw.Error()
}
