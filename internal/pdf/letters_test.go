package pdf_test

import (
	"fmt"

	"appeal/internal/doc"
)

// Letters the tests lay out.

func english() doc.Letter {
	return doc.Letter{
		Lang:       "en",
		Sender:     []string{"Margaret O'Connell", "14 Elm Grove", "Leeds LS6 2AB", "United Kingdom", "m.oconnell@example.org"},
		ReturnLine: "M. O'Connell · 14 Elm Grove · Leeds LS6 2AB · United Kingdom",
		Date:       "14 March 2017",
		Recipient: []string{
			"Prosecutor General Zhakip Asanov",
			"Office of the Prosecutor General",
			"14 Mangilik El Avenue",
			"Astana 010000",
			"Kazakhstan",
		},
		Subject:    "Max Bokayev, imprisoned for peaceful protest",
		Salutation: "Dear Prosecutor General,",
		Body: []doc.Block{
			{Text: "I am writing to express my deep concern about Max Bokayev, a civil society activist from Atyrau, who is serving a five-year prison sentence for his peaceful role in the land reform protests of April and May 2016."},
			{Text: "Max Bokayev was convicted of \"inciting social discord\", \"disseminating knowingly false information\" and violating the law on public assemblies. No evidence was presented that he used or advocated violence; he is a prisoner of conscience, held solely for peacefully exercising his rights to freedom of expression and of peaceful assembly."},
			{Text: "I therefore urge you to:"},
			{Marker: "1.", Text: "release Max Bokayev immediately and unconditionally;"},
			{Marker: "2.", Text: "ensure that, pending his release, he is not subjected to torture or other ill-treatment and has regular access to his family, his lawyers and any medical care he needs;"},
			{Marker: "3.", Text: "repeal or amend the articles of the Criminal Code used against him so that they conform with Kazakhstan's international human rights obligations."},
			{Text: "Thank you for your attention to this matter."},
		},
		Closing:   "Yours sincerely,",
		Signature: []string{"Margaret O'Connell"},
		CopyTo:    "Copy to: Askar Shakirov, Human Rights Commissioner, 010000 Astana, Kazakhstan",
		PageOf:    "Page %d of %d",
	}
}

func russian() doc.Letter {
	return doc.Letter{
		Lang:       "ru",
		Sender:     []string{"Анна Сергеевна Кузнецова", "ул. Садовая, д. 5, кв. 12", "191023 Санкт-Петербург", "Россия"},
		ReturnLine: "А. С. Кузнецова, ул. Садовая, д. 5, кв. 12, 191023 Санкт-Петербург",
		Date:       "14 марта 2017 г.",
		Recipient: []string{
			"Генеральному прокурору",
			"Республики Казахстан",
			"г-ну Асанову Ж. К.",
			"пр. Мәңгілік Ел, 14",
			"010000 г. Астана",
			"Казахстан",
		},
		Subject:    "Об освобождении Макса Бокаева",
		Salutation: "Уважаемый господин Генеральный прокурор!",
		Body: []doc.Block{
			{Text: "Я глубоко обеспокоена судьбой гражданского активиста из Атырау Макса Бокаева, который отбывает пятилетний срок лишения свободы за мирное участие в протестах против земельной реформы в апреле и мае 2016 года."},
			{Text: "Ни одного доказательства того, что он применял насилие или призывал к нему, представлено не было. Он узник совести, лишённый свободы исключительно за мирное осуществление своих прав на свободу выражения мнений и мирных собраний."},
			{Text: "Прошу Вас:"},
			{Marker: "•", Text: "немедленно и безоговорочно освободить Макса Бокаева;"},
			{Marker: "•", Text: "до освобождения обеспечить ему регулярный доступ к родственникам, адвокатам и необходимой медицинской помощи."},
		},
		Closing:   "С уважением,",
		Signature: []string{"Анна Кузнецова"},
		CopyTo:    "Копия: Уполномоченному по правам человека в Республике Казахстан",
		PageOf:    "Страница %d из %d",
	}
}

// kazakh contains every letter of the Kazakh alphabet that is not Russian.
func kazakh() doc.Letter {
	return doc.Letter{
		Lang:       "kk",
		Sender:     []string{"Гауһар Әлиханқызы", "Абай даңғылы, 150", "050046 Алматы қаласы", "Қазақстан"},
		ReturnLine: "Г. Әлиханқызы, Абай даңғылы, 150, 050046 Алматы",
		Date:       "2017 жылғы 14 наурыз",
		Recipient: []string{
			"Қазақстан Республикасының",
			"Бас прокуроры Ж. Қ. Асановқа",
			"Мәңгілік Ел даңғылы, 14",
			"010000 Астана қаласы",
			"Қазақстан Республикасы",
		},
		Subject:    "Ұлықбек Өтегенұлының ісі туралы",
		Salutation: "Құрметті Бас прокурор мырза!",
		Body: []doc.Block{
			{Text: "Мен сізге Атырау қаласының азаматтық белсендісі Ұлықбек Өтегенұлының тағдырына алаңдаушылық білдіру үшін жазып отырмын. Ол 2016 жылғы сәуір мен мамырда жер реформасына қарсы бейбіт наразылықтарға қатысқаны үшін бес жылға бас бостандығынан айырылды."},
			{Text: "Іс материалдарында оның зорлық-зомбылық қолданғаны туралы бірде-бір дәлел жоқ. Ғалымдар мен шаһар тұрғындары оны ар-ождан тұтқыны деп санайды. Һәм Үкіметтен әділдік күтеміз."},
			{Text: "Әліпбидің әріптері: Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і."},
			{Text: "Сізден Ұлықбек Өтегенұлын дереу және ешқандай шартсыз босатуыңызды сұраймын."},
		},
		Closing:   "Құрметпен,",
		Signature: []string{"Гауһар Әлиханқызы"},
		CopyTo:    "Көшірмесі: Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкілге",
		PageOf:    "%d-бет, барлығы %d",
	}
}

// nineLines has a nine-line address.
func nineLines() doc.Letter {
	l := russian()
	l.Recipient = []string{
		"Начальнику ФКУ ИК-6 УФСИН России",
		"по Владимирской области",
		"полковнику внутренней службы",
		"Иванову Ивану Ивановичу",
		"для осуждённого Петрова П. П., отряд № 7",
		"ул. Лесная, д. 1",
		"пос. Мелехово, Ковровский район",
		"Владимирская область, 601966",
		"Российская Федерация",
	}
	return l
}

// wideAddress has address lines wider than the window.
func wideAddress() doc.Letter {
	l := english()
	l.Recipient = []string{
		"His Excellency the Prosecutor General of the Republic of Kazakhstan Mr Zhakip Asanov",
		"Office of the Prosecutor General, Department for the Supervision of the Legality of Court Decisions",
		"14 Mangilik El Avenue, Yesil District",
		"Astana 010000",
		"Kazakhstan",
	}
	l.ReturnLine = "Margaret O'Connell · Flat 3, The Old Rectory, 14 Elm Grove, Headingley · Leeds LS6 2AB · West Yorkshire · United Kingdom of Great Britain and Northern Ireland"
	return l
}

// long takes three pages.
func long() doc.Letter {
	l := english()
	l.Subject = "A long letter about Max Bokayev and Talgat Ayan"
	var body []doc.Block
	for i := 1; i <= 24; i++ {
		body = append(body, doc.Block{Text: fmt.Sprintf("Paragraph %d. Max Bokayev and Talgat Ayan were arrested on 17 May 2016 for their peaceful role in the land reform protests; in November 2016 a court in Atyrau sentenced both men to five years in prison. Section %d of this letter repeats the facts so that the letter runs onto a third page.", i, i)})
		if i%6 == 0 {
			body = append(body, doc.Block{Marker: fmt.Sprintf("%d.", i), Text: fmt.Sprintf("Request number %d: release them immediately and unconditionally.", i)})
		}
	}
	l.Body = body
	return l
}

// manyLines has a fourteen-line address and a long sender block.
func manyLines() doc.Letter {
	l := nineLines()
	l.Recipient = append(l.Recipient[:8:8], "для передачи через администрацию", "учреждения в собственные руки", "осуждённому Петрову Петру Петровичу", "1980 года рождения", "копия адвокату", "Российская Федерация")
	l.Sender = []string{
		"Анна Сергеевна Кузнецова-Преображенская",
		"Международная правозащитная группа",
		"Региональное отделение по Северо-Западу",
		"ул. Садовая, д. 5, кв. 12",
		"191023 Санкт-Петербург",
		"Россия",
		"Тел.: +7 812 555-01-23",
		"Факс: +7 812 555-01-24",
		"anna.kuznetsova-preobrazhenskaya@example.org",
		"https://example.org/pravozashchitnaya-gruppa",
		"Telegram: @anna_kuznetsova",
	}
	return l
}

// minimal has no sender, return line, subject or closing.
func minimal() doc.Letter {
	return doc.Letter{
		Lang:      "en",
		Recipient: []string{"Ministry of Justice", "Astana", "Kazakhstan"},
		Body:      []doc.Block{{Text: "Please release Max Bokayev."}},
		PageOf:    "Page %d of %d",
	}
}
