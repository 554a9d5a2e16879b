//! Extraction rules that the gold documents taught us, each tested on both
//! sides with short texts written the way real plans and decrees are.

use planparse::grammar::Grammar;
use planparse::ingest::{Format, IngestOptions};
use planparse::model::{Document, Section};
use planparse::pipeline::{Options, process_bytes};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(Grammar::builtin)
}

fn parse(text: &str) -> Document {
    match process_bytes(text.as_bytes(), Format::Txt, "x.txt", grammar(), &Options { ingest: IngestOptions::default(), include_text: false }) {
        Ok(doc) => doc,
        Err(e) => panic!("the test text did not parse: {e}"),
    }
}

/// Each target's value and unit, in document order.
fn value_units(doc: &Document) -> Vec<(f64, &str)> {
    doc.targets.iter().map(|t| (t.value, t.unit.as_str())).collect()
}

fn paths(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        out.push(s.path.join("/"));
        paths(&s.children, out);
    }
}

const PLAN_HEADER: &str = "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 129/KH-UBND\nĐắk Lắk, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH\nHỗ trợ nhu yếu phẩm khẩn cấp cho nhân dân\n\n";
const DECREE_HEADER: &str = "CHÍNH PHỦ\nSố: 303/2025/NĐ-CP\nHà Nội, ngày 19 tháng 11 năm 2025\n\nNGHỊ ĐỊNH\nQuy định tổ chức các cơ quan\n\n";

#[test]
fn a_part_numbered_twice_is_still_a_part_and_its_agencies_get_tasks() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nBảo đảm không để người dân bị đói.\n\nIV. KINH PHÍ - NGUỒN HUY ĐỘNG\n\n1. Kinh phí: ngân sách tỉnh.\n\n\
         IV. PHÂN CÔNG NHIỆM VỤ\n\n1. Sở Công Thương:\n\n- Chủ trì điều phối toàn bộ nguồn hàng hỗ trợ.\n\n\
         - Phân bổ hàng hóa theo đúng mức độ thiệt hại.\n\n2. Sở Tài chính:\n\nPhối hợp với Sở Công Thương thẩm định kinh phí.\n"
    );
    let doc = parse(&text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert_eq!(p.iter().filter(|x| x.as_str() == "IV").count(), 2, "both IV parts: {p:?}");
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    assert_eq!(leads, ["Sở Công Thương", "Sở Công Thương", "Sở Tài chính"], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_lettered_procedure_template_repeated_without_its_heading_starts_again_at_a() {
    let letters = ["a", "b", "c", "d", "đ", "e", "f", "g", "h", "i", "k", "l"];
    let template: String = letters.iter().map(|l| format!("{l}) Mục {l} của thủ tục: Không quy định.\n\n")).collect();
    let text = format!("{PLAN_HEADER}I. LĨNH VỰC TRỒNG TRỌT\n\n1. Công bố vùng sản xuất\n\n{template}{template}");
    let doc = parse(&text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    for l in letters {
        assert_eq!(p.iter().filter(|x| **x == format!("I/1/{l}")).count(), 2, "{l}) twice: {p:?}");
    }
    // A wrapped "a)" after an early letter is not a restart: it goes back.
    let text = format!("{PLAN_HEADER}I. LĨNH VỰC TRỒNG TRỌT\n\n1. Công bố\n\na) Trình tự\n\nb) Cách thức\n\na) Lại\n");
    let doc = parse(&text);
    p.clear();
    paths(&doc.sections, &mut p);
    assert_eq!(p, ["I", "I/1", "I/1/a", "I/1/b"]);
}

#[test]
fn a_last_item_misplaced_under_the_next_article_does_not_swallow_its_list() {
    // A real resolution (PDF, DOCX and txt alike) prints Điều 2's fifth item
    // after the heading of Điều 3, whose own list then starts at 1.
    let text = "HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 15/2025/NQ-HĐND\nHà Nội, ngày 26 tháng 11 năm 2025\n\nNGHỊ QUYẾT\nQuy định một số chế độ chi\n\n\
                Điều 1. Phạm vi điều chỉnh\n\nNghị quyết này quy định một số chế độ chi.\n\n\
                Điều 2. Đối tượng áp dụng\n\n1. Các cơ quan của Đảng.\n\n2. Các tổ chức chính trị - xã hội.\n\n\
                Điều 3. Tổ chức thực hiện\n\n3. Các cơ quan, đơn vị, tổ chức, cá nhân khác có liên quan.\n\n\
                1. Giao Ủy ban nhân dân Thành phố tổ chức thực hiện Nghị quyết này.\n\n\
                2. Giao Thường trực Hội đồng nhân dân Thành phố giám sát thực hiện Nghị quyết.\n\n\
                Điều 4. Điều khoản thi hành\n\nNghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.\n";
    let doc = parse(text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    for want in ["Điều 2/2", "Điều 3/3", "Điều 3/1", "Điều 3/2", "Điều 4"] {
        assert!(p.iter().any(|x| x == want), "{want} missing: {p:?}");
    }
}

#[test]
fn a_label_whose_words_run_past_a_name_stop_names_its_agency_whole() {
    // A circular's implementation article: "quản lý" usually ends a name
    // (its duty's verb), but before the label's colon it describes the body.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của các đơn vị thuộc Bộ:\n\n\
         a) Vụ Kế hoạch - Tài chính bảo đảm kinh phí hằng năm cho các đơn vị;\n\n\
         b) Các Cục quản lý nhà nước chuyên ngành: theo chức năng, nhiệm vụ được giao có trách nhiệm phối hợp \
         với Cục Bảo tồn thiên nhiên và Đa dạng sinh học tổ chức thực hiện Thông tư này;\n\n\
         c) Cục Chăn nuôi quản lý các cơ sở giống theo quy định;\n\n\
         d) Cục Thú y chỉ đạo: kiểm tra các cơ sở giết mổ trên địa bàn.\n"
    );
    let doc = parse(&text);
    let leads = task_leads(&doc);
    assert_eq!(
        leads,
        [vec!["Vụ Kế hoạch - Tài chính"], vec!["Các Cục quản lý nhà nước chuyên ngành"], vec!["Cục Chăn nuôi"], vec!["Cục Thú y"]],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn quarantine_services_listed_as_an_articles_subject_lead_its_task() {
    // A port regulation's article names its bodies in the sentence, not in
    // the heading: "Kiểm dịch y tế" is a service in its own right, and the
    // heading's generic "cơ quan, đơn vị liên quan" must not stand in for them.
    let text = format!(
        "{PLAN_HEADER}Điều 24. Trách nhiệm và quyền hạn của cơ quan, đơn vị liên quan\n\n\
         Cơ quan Hải quan, Bộ đội Biên phòng, Kiểm dịch y tế, Kiểm dịch thực vật và cơ quan chức năng liên quan khác \
         có trách nhiệm phối hợp với Công ty Tân Cảng khi bố trí lực lượng tại khu vực cửa khẩu cảng.\n"
    );
    let doc = parse(&text);
    let leads = task_leads(&doc);
    assert_eq!(
        leads,
        [vec!["Cơ quan Hải quan", "Bộ đội Biên phòng", "Kiểm dịch y tế", "Kiểm dịch thực vật", "cơ quan chức năng liên quan khác"]],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn an_agency_heading_that_lists_provinces_before_its_colon_is_no_duty_itself() {
    // A Government dispatch on floods: the provinces named after the
    // heading's first colon are who is meant, the bullets under it the duties.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n1. Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk và Gia Lai:\n\n\
         - Chủ động chỉ đạo công tác ứng phó thiên tai trên địa bàn.\n\n- Báo cáo kết quả trước ngày 30/11/2025.\n"
    );
    let doc = parse(&text);
    let got: Vec<(&str, Vec<&str>)> =
        doc.tasks.iter().map(|t| (t.text.as_str(), t.lead.iter().map(String::as_str).collect())).collect();
    let lead = vec!["Chủ tịch Ủy ban nhân dân các tỉnh"];
    assert_eq!(
        got,
        [
            ("Chủ động chỉ đạo công tác ứng phó thiên tai trên địa bàn.", lead.clone()),
            ("Báo cáo kết quả trước ngày 30/11/2025.", lead),
        ],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn a_bullet_glued_onto_an_agency_heading_is_that_agencys_first_duty() {
    // The txt flattening of a real programme kept "- Làm đầu mối" on the
    // heading's line; a dash inside a name ("Văn hóa - Thông tin") is not one.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ - Làm đầu mối tổng hợp tình hình thực hiện Kế hoạch.\n\n\
         - Chủ trì hướng dẫn các đơn vị triển khai Kế hoạch.\n\n2. Phòng Văn hóa - Thông tin:\n\n- Chủ trì tuyên truyền nội dung Kế hoạch.\n"
    );
    let doc = parse(&text);
    let got: Vec<(&str, Vec<&str>)> =
        doc.tasks.iter().map(|t| (t.text.as_str(), t.lead.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        got,
        [
            ("Làm đầu mối tổng hợp tình hình thực hiện Kế hoạch.", vec!["Sở Khoa học và Công nghệ"]),
            ("Chủ trì hướng dẫn các đơn vị triển khai Kế hoạch.", vec!["Sở Khoa học và Công nghệ"]),
            ("Chủ trì tuyên truyền nội dung Kế hoạch.", vec!["Phòng Văn hóa - Thông tin"]),
        ],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn the_state_bank_governor_takes_a_task_like_a_minister() {
    // A Government telegram assigns the Governor of the State Bank beside
    // the ministers; "Thống đốc" heads a name as "Bộ trưởng" does.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Bộ trưởng Bộ Tài chính chỉ đạo rà soát nguồn dự phòng ngân sách để hỗ trợ địa phương.\n\n\
         2. Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các tổ chức tín dụng giãn nợ cho khách hàng bị thiệt hại.\n"
    );
    let doc = parse(&text);
    assert_eq!(
        task_leads(&doc),
        [vec!["Bộ trưởng Bộ Tài chính"], vec!["Thống đốc Ngân hàng Nhà nước Việt Nam"]],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn an_item_that_introduces_its_duties_is_not_a_duty_itself() {
    // "1. Bí thư tỉnh ủy và Chủ tịch UBND các tỉnh: ... tập trung một số
    // nhiệm vụ sau:" names who acts; its points are the duties, its own
    // words only lead in.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Sơn La, Lai Châu, Điện Biên và Lào Cai tiếp tục chỉ đạo khắc phục hậu quả mưa lũ, trong đó tập trung một số nhiệm vụ sau:\n\n\
         a) Huy động lực lượng tiếp cận các hộ dân bị cô lập, bảo đảm lương thực và nước uống.\n\n\
         b) Khôi phục giao thông, điện, nước tại các xã bị chia cắt trước ngày 15/9/2025.\n"
    );
    let doc = parse(&text);
    let texts: Vec<&str> = doc.tasks.iter().map(|t| t.text.split(',').next().unwrap_or("")).collect();
    assert_eq!(texts, ["Huy động lực lượng tiếp cận các hộ dân bị cô lập", "Khôi phục giao thông"], "tasks: {:?}", doc.tasks);
    assert!(doc.tasks.iter().all(|t| t.lead.iter().any(|l| l.starts_with("Chủ tịch Ủy ban nhân dân"))), "tasks: {:?}", doc.tasks);
}

#[test]
fn a_duty_that_hands_the_next_step_to_a_named_agency_gives_it_a_task() {
    // The sở send their reports in, "Trên cơ sở đó, Sở Nội vụ tổng hợp ...":
    // the step after is Sở Nội vụ's, with its own deadline. A kind of body
    // named in passing in lower case ("Đồng thời, các địa phương ...") is not.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh:\n\n\
         - Rà soát danh mục thủ tục hành chính thuộc phạm vi quản lý, đề xuất phương án đơn giản hóa. Các báo cáo gửi Sở Nội vụ trước ngày 05/12/2025. Trên cơ sở đó, Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12/2025.\n\n\
         - Bố trí nguồn lực thực hiện chuyển đổi số tại cơ quan, đơn vị. Đồng thời, các địa phương chủ động bố trí kinh phí phù hợp.\n"
    );
    let doc = parse(&text);
    let leads = vec!["Giám đốc các sở", "Thủ trưởng các ban, ngành tỉnh"];
    assert_eq!(task_leads(&doc), [leads.clone(), vec!["Sở Nội vụ"], leads], "tasks: {:?}", doc.tasks);
    let texts: Vec<&str> = doc.tasks.iter().map(|t| t.text.as_str()).collect();
    assert!(texts[0].ends_with("trước ngày 05/12/2025."), "tasks: {texts:?}");
    assert!(texts[1].starts_with("Trên cơ sở đó, Sở Nội vụ tổng hợp"), "tasks: {texts:?}");
    assert!(texts[2].ends_with("bố trí kinh phí phù hợp."), "tasks: {texts:?}");
    let by: Vec<Option<&str>> = doc.tasks.iter().map(|t| t.deadline.as_ref().and_then(|d| d.by.as_deref())).collect();
    assert_eq!(by, [Some("2025-12-05"), Some("2025-12-20"), None], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_heading_that_calls_on_businesses_and_the_community_leads_its_duty() {
    // A flood-response plan ends by calling on "Doanh nghiệp, cộng đồng, tổ
    // chức, cá nhân": "cộng đồng" goes on the same list of kinds of body,
    // so the whole list leads the duty after the colon.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Công Thương: Theo dõi cung cầu hàng hóa thiết yếu tại vùng bị ngập.\n\n\
         2. Doanh nghiệp, cộng đồng, tổ chức, cá nhân: Quan tâm, đăng ký hỗ trợ nhu yếu phẩm cho người dân vùng lũ thông qua Ủy ban MTTQ Việt Nam tỉnh.\n"
    );
    let doc = parse(&text);
    assert_eq!(
        task_leads(&doc),
        [vec!["Sở Công Thương"], vec!["Doanh nghiệp, cộng đồng, tổ chức, cá nhân"]],
        "tasks: {:?}",
        doc.tasks
    );
    assert!(doc.tasks[1].text.starts_with("Quan tâm, đăng ký"), "tasks: {:?}", doc.tasks);
}

#[test]
fn associations_named_after_a_comma_lead_the_paragraph_that_calls_on_them() {
    // A digital-economy plan closes its list of duties with an unnumbered
    // paragraph addressed to "Hội, hiệp hội xã hội nghề nghiệp": "hiệp hội"
    // continues the list begun by "Hội", so both words lead the duty.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Khoa học và Công nghệ chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\n\
         Hội, hiệp hội xã hội nghề nghiệp chủ động, tích cực trong việc tham mưu, phản biện chính sách; phát động hội viên làm chủ công nghệ số.\n"
    );
    let doc = parse(&text);
    let leads = task_leads(&doc);
    assert_eq!(leads.len(), 2, "tasks: {:?}", doc.tasks);
    assert_eq!(leads[1], ["Hội, hiệp hội xã hội nghề nghiệp"], "tasks: {:?}", doc.tasks);
    assert!(doc.tasks[1].text.contains("phản biện chính sách"), "tasks: {:?}", doc.tasks);
}

#[test]
fn an_item_numbered_like_the_one_before_is_an_item_of_its_own() {
    // A circular's article numbers two items "3." by mistake; the second
    // is a duty of its own, not the first one's wrapped text.
    let text = format!(
        "{DECREE_HEADER}Điều 1. Phạm vi điều chỉnh\n\nNghị định này quy định phân cấp quản lý cán bộ.\n\n\
         Điều 2. Trách nhiệm của Thủ trưởng các đơn vị thuộc Bộ\n\n\
         1. Thực hiện các nhiệm vụ được phân cấp theo quy định.\n\n\
         2. Quyết định các nội dung quản lý cán bộ của đơn vị.\n\n\
         3. Gửi Vụ Tổ chức cán bộ các quyết định về cán bộ để theo dõi.\n\n\
         3. Báo cáo Lãnh đạo Bộ về kết quả công tác cán bộ hằng năm.\n"
    );
    let doc = parse(&text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 2/1", "Điều 2/2", "Điều 2/3", "Điều 2/3"], "{:#?}", doc.sections);
    let texts: Vec<&str> = doc.tasks.iter().map(|t| t.text.split(' ').next().unwrap_or("")).collect();
    assert_eq!(texts, ["Thực", "Quyết", "Gửi", "Báo"], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_leader_of_listed_kinds_of_bodies_is_one_lead_up_to_the_duty() {
    // Item 4 of a circular's closing article names the leaders of kinds of
    // bodies no lexicon holds; "quy định" is the duty, not part of a name;
    // and a clause about a body ("xảy ra tình trạng ..., không đảm bảo")
    // lists nothing.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Người đứng đầu cơ sở giáo dục đại học, cao đẳng, cơ sở đào tạo, bồi dưỡng của Bộ, tổ chức chính trị - xã hội căn cứ quy định tại Kế hoạch này để quy định việc trả tiền lương dạy thêm giờ.\n\n\
         2. Người đứng đầu cơ quan, đơn vị quy định việc trả tiền lương dạy thêm giờ.\n\n\
         3. Đơn vị xảy ra tình trạng mất đoàn kết nội bộ, không đảm bảo yêu cầu để phân cấp.\n"
    );
    let doc = parse(&text);
    assert_eq!(
        task_leads(&doc),
        [
            vec!["Người đứng đầu cơ sở giáo dục đại học, cao đẳng, cơ sở đào tạo, bồi dưỡng của Bộ, tổ chức chính trị - xã hội"],
            vec!["Người đứng đầu cơ quan, đơn vị"],
        ],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn a_heading_run_on_into_its_first_item_still_opens_the_list() {
    // A lost line break after "B. PHƯƠNG ÁN ...": "I." starts the list whose
    // "II." and "III." follow on their own lines.
    let text = format!(
        "{PLAN_HEADER}A. LÝ DO\n\nRút ngắn thời gian giải quyết.\n\nB. PHƯƠNG ÁN TÁI CẤU TRÚC I. Lưu đồ quy trình điện tử\n\n\
         II. Mô tả quy trình điện tử\n\n1. Bước 1. Nộp hồ sơ\n\n2. Bước 2. Tiếp nhận hồ sơ\n\nIII. Một số lưu ý\n\n\
         C. ĐÁNH GIÁ TÁC ĐỘNG\n\nI. Đối với người dân\n"
    );
    let doc = parse(&text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert_eq!(p, ["A", "B", "B/I", "B/II", "B/II/1", "B/II/2", "B/III", "C", "C/I"]);
    let b = &doc.sections[1];
    assert_eq!((b.heading.as_deref(), b.children[0].heading.as_deref()), (Some("PHƯƠNG ÁN TÁI CẤU TRÚC"), Some("Lưu đồ quy trình điện tử")));
}

#[test]
fn an_appendix_heading_run_on_after_the_last_words_of_the_decision_opens_the_appendix() {
    // A page saved from a legal-document site: the whole decision in one
    // row of its layout table, the appendix glued to the signature cell.
    let filler = "Tiếp nhận hồ sơ, giải quyết và trả kết quả thủ tục hành chính theo quy định của pháp luật. ".repeat(6);
    let text = format!(
        "Số: 1498/QĐ-UBND | Ninh Bình, ngày 18 tháng 11 năm 2025 | QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH \
         CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; QUYẾT ĐỊNH: \
         Điều 1. Phê duyệt kèm theo Quyết định này quy trình nội bộ giải quyết thủ tục hành chính. {filler}\
         Điều 2. Quyết định này có hiệu lực kể từ ngày ký. | Nơi nhận: - Như Điều 2; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Anh Chức | \
         * PHỤ LỤC QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Kèm theo Quyết định số 1498/QĐ-UBND ngày 18/11/2025 của Chủ tịch UBND tỉnh) \
         I. LĨNH VỰC VĂN HÓA 1. Quy trình cấp giấy phép. II. LĨNH VỰC THỂ THAO 1. Quy trình công nhận.\n"
    );
    let doc = parse(&text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert_eq!(p, ["Điều 1", "Điều 2", "Phụ lục", "Phụ lục/I", "Phụ lục/I/1", "Phụ lục/II", "Phụ lục/II/1"]);
    assert!(doc.sections[2].heading.as_deref().is_some_and(|h| h.starts_with("QUY TRÌNH NỘI BỘ")), "{:?}", doc.sections[2].heading);
}

#[test]
fn a_repeated_number_in_running_text_is_not_a_part() {
    // Lower-case "IV." lines are not part headings: the second one stays text.
    let text = format!("{PLAN_HEADER}I. MỤC TIÊU\n\nNội dung.\n\nII. Nhiệm vụ chung\n\nNội dung.\n\nII. nội dung nhắc lại ở đây\n");
    let doc = parse(&text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert_eq!(p, ["I", "II"]);
}

#[test]
fn figures_in_a_decree_are_rules_not_targets() {
    let decree = format!(
        "{DECREE_HEADER}Điều 11. Số lượng cấp phó\n\n1. Số lượng cấp phó của người đứng đầu cục được bố trí bình quân không quá 04 người trên một cục.\n\n\
                  2. Hỗ trợ 100% chi phí đào tạo cho người lao động.\n"
    );
    let doc = parse(&decree);
    assert_eq!(doc.meta.doc_type, "nghi_dinh");
    assert!(doc.targets.is_empty(), "a decree's quotas became targets: {:?}", doc.targets);
}

#[test]
fn a_transitional_article_assigns_work_but_not_standing_remits_or_rule_reach() {
    // "Điều khoản chuyển tiếp" tells agencies what to do until the new rules
    // bite; a body's standing remit and a rule that merely applies to a body
    // in the same article are not work to track.
    let decree = format!(
        "{DECREE_HEADER}Điều 1. Phạm vi điều chỉnh\n\nNghị định này quy định tổ chức các cơ quan chuyên môn.\n\n\
                  Điều 2. Điều khoản chuyển tiếp\n\n\
                  1. Bộ Nội vụ rà soát, sắp xếp lại các tổ chức thuộc phạm vi quản lý trước ngày 01 tháng 3 năm 2026.\n\n\
                  2. Bảo hiểm xã hội Việt Nam thực hiện nhiệm vụ, quyền hạn theo quy định của pháp luật về bảo hiểm xã hội.\n\n\
                  3. Chi cục thuộc cục (thành lập trên cơ sở tổ chức lại tổng cục) được áp dụng quy định số lượng cấp phó không quá 04 người.\n"
    );
    let doc = parse(&decree);
    assert_eq!(task_leads(&doc), [vec!["Bộ Nội vụ"]], "tasks: {:?}", doc.tasks);
}

#[test]
fn the_same_kind_of_figure_in_a_plan_goal_is_a_target() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n1. Mục tiêu cụ thể đến năm 2027\n\n- Phấn đấu tối thiểu 04 người được đào tạo tại mỗi xã.\n\n- Hỗ trợ 100% hộ bị ảnh hưởng.\n"
    );
    let doc = parse(&text);
    let got = value_units(&doc);
    assert_eq!(got, [(4.0, "người"), (100.0, "%")], "targets: {:?}", doc.targets);
}

#[test]
fn a_time_limit_is_not_a_target() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n1. Bảo đảm người dân được tiếp cận hỗ trợ trong 24 giờ đầu kể từ khi bị ảnh hưởng.\n\n\
         2. Giai đoạn 48-72 giờ: tổ chức bếp ăn cộng đồng tại các điểm sơ tán.\n\n3. Phấn đấu 100% hộ bị ảnh hưởng được hỗ trợ.\n"
    );
    let doc = parse(&text);
    let got = value_units(&doc);
    assert_eq!(got, [(100.0, "%")], "targets: {:?}", doc.targets);
}

#[test]
fn the_closing_paragraph_is_not_part_of_the_last_duty() {
    let text = format!(
        "{PLAN_HEADER}I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính:\n\nBố trí kinh phí thực hiện Kế hoạch.\n\n\
         Trên đây là Kế hoạch hỗ trợ nhu yếu phẩm của Ủy ban nhân dân tỉnh./.\n"
    );
    let doc = parse(&text);
    assert_eq!(doc.tasks.len(), 1, "tasks: {:?}", doc.tasks);
    assert_eq!(doc.tasks[0].text.trim(), "Bố trí kinh phí thực hiện Kế hoạch.");
}

#[test]
fn headings_decide_whether_figures_are_goals() {
    let text = format!(
        "{PLAN_HEADER}I. NỘI DUNG THỰC HIỆN\n\n1. Hiện trạng\n\nToàn tỉnh có 87 trạm 5G, chiếm 32,2% số trạm.\n\n\
         2. Kế hoạch phát triển giai đoạn 2026 - 2030\n\n+ Lắp đặt mới trạm 5G: 35 trạm.\n\n\
         II. KINH PHÍ THỰC HIỆN\n\nNgân sách địa phương chiếm khoảng 10% tổng vốn đầu tư.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.year)).collect();
    assert_eq!(got, [(35.0, "trạm", Some(2030))], "targets: {:?}", doc.targets);
}

#[test]
fn under_a_funding_heading_only_a_committed_floor_is_a_goal() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nBảo đảm hạ tầng số.\n\nII. BẢO ĐẢM KINH PHÍ\n\n\
         - Ngân sách địa phương chiếm khoảng 10% tổng vốn đầu tư.\n\n\
         - Điều chỉnh dự toán ngân sách năm 2025 để bố trí tối thiểu 03% ngân sách cho chuyển đổi số.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, &str, Option<i32>)> =
        doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.comparator.as_str(), t.year)).collect();
    assert_eq!(got, [(3.0, "%", "gte", Some(2025))], "targets: {:?}", doc.targets);
}

#[test]
fn a_clause_with_thousands_of_figures_quotes_only_the_part_around_each() {
    let figures: Vec<String> = (1..=2000).map(|i| format!("chỉ tiêu {i} đạt {}%", i % 100)).collect();
    let text = format!("{PLAN_HEADER}I. MỤC TIÊU\n\n1. Phấn đấu {}.\n", figures.join(", "));
    let doc = parse(&text);
    assert_eq!(doc.targets.len(), 2000);
    for t in &doc.targets {
        assert!(t.text.len() <= 1200, "a target quotes {} bytes", t.text.len());
        assert!(t.text.contains(&format!("{}%", t.value)), "the quote misses its figure: {:?}", t.text);
    }
}

#[test]
fn criteria_are_not_targets_but_a_goal_heading_wins() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU, ĐỐI TƯỢNG\n\n1. Đến hết năm 2025: Có ≥ 30% doanh nghiệp ứng dụng nền tảng số.\n\n\
         II. THỦ TỤC\n\n1. Yêu cầu, điều kiện thực hiện thủ tục hành chính\n\nTỷ lệ hộ gia đình có nhà tiêu hợp vệ sinh dưới 50%.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.comparator.as_str(), t.year)).collect();
    assert_eq!(got, [(30.0, "gte", Some(2025))], "targets: {:?}", doc.targets);
}

#[test]
fn a_decree_assigns_work_in_its_implementation_articles_only() {
    let decree = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 69/2025/TT-BNNMT\nHà Nội, ngày 19 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định về loài ngoại lai\n\n\
                  Căn cứ Nghị định số 35/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ;\n\n\
                  Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành Thông tư quy định về loài ngoại lai.\n\n\
                  Điều 1. Nhiệm vụ, quyền hạn của Cục Bảo tồn thiên nhiên\n\n1. Hướng dẫn việc điều tra loài ngoại lai.\n\n2. Quản lý cơ sở dữ liệu về loài ngoại lai.\n\n\
                  Điều 2. Trách nhiệm thi hành\n\n1. Ủy ban nhân dân cấp tỉnh:\n\na) Tổ chức thực hiện Thông tư này trên địa bàn tỉnh;\n\n\
                  b) Định kỳ trước ngày 31 tháng 12 hằng năm, gửi báo cáo kết quả về Bộ Nông nghiệp và Môi trường.\n\n\
                  2. Bộ trưởng, Thủ trưởng các cơ quan chịu trách nhiệm thi hành Thông tư này.\n";
    let doc = parse(decree);
    let got: Vec<(String, String)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead.join("; "))).collect();
    assert_eq!(
        got,
        [("Điều 2/1/a".to_string(), "Ủy ban nhân dân cấp tỉnh".to_string()), ("Điều 2/1/b".to_string(), "Ủy ban nhân dân cấp tỉnh".to_string())],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn a_closing_request_with_a_time_is_a_task_and_ends_the_last_duty() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n- Bố trí kinh phí thực hiện Kế hoạch.\n\n2. Các doanh nghiệp viễn thông\n\n\
         - Bảo đảm kinh phí phát triển hạ tầng.\n\n\
         Ủy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành và các doanh nghiệp viễn thông nghiêm túc triển khai thực hiện; \
         định kỳ trước ngày 30 tháng 11 hằng năm báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.\n"
    );
    let doc = parse(&text);
    let last = doc.tasks.last().expect("tasks");
    assert_eq!(last.lead, ["các Sở, ban, ngành", "các doanh nghiệp viễn thông"], "tasks: {:?}", doc.tasks);
    assert_eq!(last.deadline.as_ref().and_then(|d| d.recurrence.as_deref()), Some("annual"));
    let duty = &doc.tasks[doc.tasks.len() - 2];
    assert_eq!(duty.text, "Bảo đảm kinh phí phát triển hạ tầng.", "the duty ran into the closing request");
    // Without a time, the same request is a closing formula.
    let formula = text.replace("; định kỳ trước ngày 30 tháng 11 hằng năm báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh", "");
    let doc = parse(&formula);
    assert!(doc.tasks.iter().all(|t| !t.text.contains("yêu cầu")), "tasks: {:?}", doc.tasks);
}

#[test]
fn a_goal_year_holds_for_the_rest_of_its_sentence() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC ĐÍCH\n\n1. Phấn đấu chỉ số cải cách hành chính trong giai đoạn 2025 – 2027 đạt trên 85%; \
         chỉ số hài lòng của người dân đạt trên 90%. Tỷ lệ hồ sơ trực tuyến đạt 50%.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(got, [(85.0, Some(2027)), (90.0, Some(2027)), (50.0, None)], "targets: {:?}", doc.targets);
}

#[test]
fn a_lead_in_or_a_period_item_sets_the_year_of_the_items_under_it() {
    // The nearest year up the tree wins: "- Giai đoạn 2025-2027" over the
    // plan's horizon in the part heading; a lead-in ending in a colon
    // governs the bullets it introduces.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU ĐẾN NĂM 2030\n\n1. Chỉ tiêu về dịch vụ công\n\n- Giai đoạn 2025-2027\n\n\
         + 95% người dân hài lòng khi sử dụng dịch vụ công trực tuyến.\n\n- Giai đoạn 2028-2030\n\n\
         + 99% người dân hài lòng khi sử dụng dịch vụ công trực tuyến.\n\n2. Mục tiêu cụ thể\n\n\
         Đến hết năm 2029, phấn đấu đạt được những mục tiêu sau:\n\n\
         - 100% hộ gia đình được tiếp nhận thông tin về thiên tai.\n\n- 50% người dân được tập huấn kỹ năng.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(got, [(95.0, Some(2027)), (99.0, Some(2030)), (100.0, Some(2029)), (50.0, Some(2029))], "targets: {:?}", doc.targets);
}

#[test]
fn a_table_row_naming_a_period_sets_the_year_of_the_rows_under_it() {
    // Rows before any period row take the year of the appendix title.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nPhấn đấu hoàn thành các chỉ tiêu tại Phụ lục.\n\n\
         PHỤ LỤC\nCÁC CHỈ TIÊU PHÁT TRIỂN CHÍNH QUYỀN SỐ ĐẾN NĂM 2030\n\n\
         TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan theo dõi\n\
         1 | Tỉ lệ xã có điểm phục vụ một cửa | % | 90% | Sở Nội vụ\n\
         I | Giai đoạn 2025-2027 |  |  |\n\
         2 | Tỉ lệ hồ sơ được xử lý trên môi trường điện tử | % | 100% | Văn phòng UBND tỉnh\n\
         II | Giai đoạn 2028-2029 |  |  |\n\
         3 | Tỉ lệ cơ quan sử dụng ứng dụng AI | % | 80% | Sở Khoa học và Công nghệ\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(got, [(90.0, Some(2030)), (100.0, Some(2027)), (80.0, Some(2029))], "targets: {:?}", doc.targets);
}

#[test]
fn a_period_run_into_a_group_title_still_sets_the_year_and_rows_name_their_indicator() {
    // A PDF reader ran "I | Giai đoạn 2025-2027" and "I.1 | Cung cấp dịch vụ
    // số" into one row; a task row naming a period mid-sentence sets nothing.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nPhấn đấu hoàn thành các chỉ tiêu tại Phụ lục.\n\n\
         PHỤ LỤC\nCÁC CHỈ TIÊU CỤ THỂ\n\n\
         TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan theo dõi\n\
         I | Giai đoạn 2025-2027 I.1 | Cung cấp dịch vụ số bao trùm |  |\n\
         1 | Tỉ lệ hồ sơ được số hóa | % | 100% | Văn phòng UBND tỉnh\n\
         2 | Xây dựng kế hoạch giai đoạn 2028-2030 | Sở Nội vụ |  |\n\
         3 | Tỉ lệ người dân hài lòng | % | 95% | Sở Nội vụ\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, Option<i32>, &str)> = doc.targets.iter().map(|t| (t.value, t.year, t.indicator.as_str())).collect();
    assert_eq!(
        got,
        [(100.0, Some(2027), "Tỉ lệ hồ sơ được số hóa"), (95.0, Some(2027), "Tỉ lệ người dân hài lòng")],
        "targets: {:?}",
        doc.targets
    );
}

/// Each task's lead, supporting agencies and due date, in document order.
fn assignments(doc: &Document) -> Vec<(Vec<String>, Vec<String>, Option<String>)> {
    doc.tasks.iter().map(|t| (t.lead.clone(), t.support.clone(), t.deadline.as_ref().and_then(|d| d.by.clone()))).collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn table_cells_fused_by_a_pdf_reader_are_pulled_apart() {
    let text = format!(
        "{PLAN_HEADER}I. NHIỆM VỤ\n\nPHỤ LỤC\n\n\
         TT | Nhiệm vụ | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện | Sản phẩm\n\
         1 | Xây dựng kế hoạch dữ liệu | Sở Tài chính | Sở Nội vụ | 2026 | Kế hoạch\n\
         2 |  | Xây dựng Kế hoạch triển khai Chiến lược dữ liệu | Công an tỉnh Các sở, ban, ngành; UBND các phường, xã | 2025 | Kế hoạch\n\
         3 |  | Triển khai nền tảng số | Sở Khoa học và Công nghệ | Các sở, ban, ngành; UBND các phường, xã 2026-2030 | Nền tảng\n\
         4 |  | Xây dựng kế hoạch y tế số | Sở Y tế Các sở, ban, ngành; UBND các phường xã | 2026 - 2030 Kế hoạch | \n"
    );
    let doc = parse(&text);
    let s = strings;
    assert_eq!(
        assignments(&doc),
        [
            (s(&["Sở Tài chính"]), s(&["Sở Nội vụ"]), Some("2026-12-31".to_string())),
            (s(&["Công an tỉnh"]), s(&["Các sở, ban, ngành", "UBND các phường, xã"]), Some("2025-12-31".to_string())),
            (s(&["Sở Khoa học và Công nghệ"]), s(&["Các sở, ban, ngành", "UBND các phường, xã"]), Some("2030-12-31".to_string())),
            (s(&["Sở Y tế"]), s(&["Các sở, ban, ngành", "UBND các phường xã"]), Some("2030-12-31".to_string())),
        ],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn a_numbered_row_with_text_glued_after_it_keeps_its_columns() {
    // The next group's title and a web page's footer run on after the last
    // cell; the row still reads from its number on.
    let text = format!(
        "{PLAN_HEADER}I. NHIỆM VỤ\n\nPHỤ LỤC\n\n\
         TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành\n\
         I | Nền tảng thể chế |  |  |  |\n\
         1 | Xây dựng Khung đào tạo quản trị dữ liệu | Công an tỉnh | Sở Giáo dục và Đào tạo | Khung đào tạo được ban hành | Tháng 06/2026 |  | II | Phát triển dữ liệu số |  |  |\n\
         1 | Giám sát các hệ thống phục vụ chính quyền số | Sở Khoa học và Công nghệ | Các sở, ban, ngành | Cơ chế giám sát được hình thành | Năm 2025-2030 | Văn bản này chưa cập nhật nội dung Tiếng Anh\n"
    );
    let doc = parse(&text);
    let s = strings;
    assert_eq!(
        assignments(&doc),
        [
            (s(&["Công an tỉnh"]), s(&["Sở Giáo dục và Đào tạo"]), Some("2026-06-30".to_string())),
            (s(&["Sở Khoa học và Công nghệ"]), s(&["Các sở, ban, ngành"]), Some("2030-12-31".to_string())),
        ],
        "tasks: {:?}",
        doc.tasks
    );
}

const NOTICE_HEADER: &str = "VĂN PHÒNG CHÍNH PHỦ\nSố: 623/TB-VPCP\nHà Nội, ngày 15 tháng 11 năm 2025\n\nTHÔNG BÁO\nKết luận của Thủ tướng Chính phủ tại buổi làm việc với tỉnh\n\n";

#[test]
fn a_conclusion_notice_assigns_the_topics_after_their_colon() {
    let text = format!(
        "{NOTICE_HEADER}I. ĐÁNH GIÁ CHUNG\n\nTỉnh đã hoàn thành nhiều nhiệm vụ.\n\nII. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH\n\n\
         1. Về dự án nạo vét luồng tàu vào khu bến cảng: giao Bộ Xây dựng chủ trì, phối hợp với Bộ Tài chính rà soát, báo cáo trong tháng 12 năm 2025.\n\n\
         2. Về kiến nghị hỗ trợ khoảng 200 tỷ đồng để khắc phục hậu quả cơn bão:\n\n\
         Ủy ban nhân dân tỉnh Đắk Lắk tiếp tục rà soát, thống kê đầy đủ thiệt hại, gửi Bộ Tài chính để tổng hợp.\n\n\
         Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh và các Bộ, cơ quan liên quan biết, thực hiện.\n"
    );
    let doc = parse(&text);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    assert_eq!(leads, [vec!["Bộ Xây dựng".to_string()], vec!["Ủy ban nhân dân tỉnh Đắk Lắk".to_string()]], "tasks: {:?}", doc.tasks);
    assert!(doc.tasks[0].text.starts_with("giao Bộ Xây dựng"), "the task starts after the topic: {:?}", doc.tasks[0].text);
    assert_eq!(doc.tasks[0].support, ["Bộ Tài chính"]);
    // a request quoted in a topic ("hỗ trợ khoảng 200 tỷ đồng") sets no goal
    assert!(doc.targets.is_empty(), "targets: {:?}", doc.targets);
}

#[test]
fn a_topic_that_spells_out_its_request_assigns_after_a_later_colon() {
    let text = format!(
        "{NOTICE_HEADER}II. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH\n\n\
         1. Về hoạt động của mô hình chính quyền địa phương 02 cấp: tăng số lượng cấp phó tại các phòng chuyên môn của cấp xã từ 2 lên 3 phó trưởng phòng, bố trí đủ biên chế theo vị trí việc làm: giao Bộ Nội vụ chủ trì, phối hợp với các cơ quan liên quan nghiên cứu, báo cáo Chính phủ trước ngày 30 tháng 11 năm 2025.\n"
    );
    let doc = parse(&text);
    assert_eq!(doc.tasks.len(), 1, "tasks: {:?}", doc.tasks);
    assert_eq!(doc.tasks[0].lead, ["Bộ Nội vụ"]);
    assert!(doc.tasks[0].text.starts_with("giao Bộ Nội vụ chủ trì"), "the task starts at the assignment: {:?}", doc.tasks[0].text);
    assert!(doc.tasks[0].deadline.is_some(), "deadline: {:?}", doc.tasks[0]);
}

#[test]
fn in_a_notice_of_conclusions_every_item_that_opens_with_an_agency_assigns_it() {
    // The title ("Kết luận ...") makes the body directives, as a telegram's:
    // honorifics are not part of a name, an opening "Trên cơ sở ..." phrase
    // is skipped, an account of what was done ("đã") and the closing formula
    // ("thông báo để ... biết, thực hiện") are no tasks.
    let text = format!(
        "{NOTICE_HEADER}1. Ban Thường vụ Tỉnh ủy đã kịp thời chỉ đạo khắc phục hậu quả.\n\n\
         2. Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ theo chức năng, nhiệm vụ khẩn trương rà soát các nhiệm vụ được giao.\n\n\
         3. Trên cơ sở đề nghị của các Bộ, Bộ Tài chính khẩn trương bố trí kinh phí.\n\n\
         Văn phòng Chính phủ thông báo để các Bộ, cơ quan liên quan biết, thực hiện./.\n"
    );
    let doc = parse(&text);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    assert_eq!(leads, [vec!["Bộ trưởng".to_string(), "Thủ trưởng cơ quan ngang Bộ".to_string()], vec!["Bộ Tài chính".to_string()]], "tasks: {:?}", doc.tasks);
    // The same items in a notice of anything else assign nothing (without
    // "khẩn trương", which makes a directive of a sentence wherever it is).
    let plain = text.replace("Kết luận của Thủ tướng Chính phủ tại buổi làm việc với tỉnh", "Về lịch tiếp công dân").replace("khẩn trương ", "");
    assert!(parse(&plain).tasks.is_empty(), "tasks: {:?}", parse(&plain).tasks);
}

#[test]
fn parts_inside_an_appendix_nest_under_it() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nCông bố thủ tục hành chính.\n\nPHỤ LỤC\nTHỦ TỤC HÀNH CHÍNH NỘI BỘ\n\n\
         PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n1. Danh mục thủ tục được sửa đổi\n\n\
         PHẦN II. NỘI DUNG CỤ THỂ\n\nA. THỦ TỤC CẤP TRUNG ƯƠNG\n\n1. Công bố dịch hại thực vật\n"
    );
    let doc = parse(&text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert!(got.contains(&"Phụ lục/Phần I/1".to_string()), "paths: {got:?}");
    assert!(got.contains(&"Phụ lục/Phần II".to_string()), "paths: {got:?}");
}

#[test]
fn a_blank_form_inside_an_appendix_is_no_part_of_the_structure() {
    // The form's header would start a new document part and end the
    // appendix; its items and duties are a template's, not this decision's.
    let text = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 5042/QĐ-BNNMT\nHà Nội, ngày 26 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính nội bộ\n\n\
                Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính nội bộ.\n\nPHỤ LỤC\nTHỦ TỤC HÀNH CHÍNH NỘI BỘ\n\n\
                1. Công bố dịch hại thực vật\n\na) Trình tự thực hiện: theo quy định.\n\nPhụ lục 9\n\nTờ trình đề nghị công bố dịch\n\n\
                CỤC TRỒNG TRỌT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: /TTr-TTTV | ..........., ngày ....... tháng ......năm 20.......\n\n\
                TỜ TRÌNH\nVề việc đề nghị công bố dịch (tên dịch hại)........\n\n\
                1. Sở Nông nghiệp và Môi trường chủ trì tổ chức phòng trừ dịch.\n\nNơi nhận: - Như trên; - Lưu: VT.\n\n\
                2. Công bố hết dịch hại thực vật\n\na) Trình tự thực hiện: theo quy định.\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Phụ lục", "Phụ lục/1", "Phụ lục/1/a", "Phụ lục/2", "Phụ lục/2/a"]);
    assert!(doc.parts.len() <= 1, "parts: {:?}", doc.parts);
    assert!(doc.tasks.is_empty(), "tasks: {:?}", doc.tasks);
}

#[test]
fn blank_forms_as_a_pdf_reader_lays_them_out_stay_out_of_the_structure() {
    // Three forms in one procedure: a label above a motto set as paragraphs;
    // an issuer's rule run into the number and the title run into its
    // subject in one cell; a plan form with no recipients, which ends where
    // the procedures' own numbering goes on ("2." after "1.").
    let text = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 5042/QĐ-BNNMT\nHà Nội, ngày 26 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính nội bộ\n\n\
                Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính nội bộ.\n\nPHỤ LỤC\nTHỦ TỤC HÀNH CHÍNH NỘI BỘ\n\n\
                1. Công bố dịch hại thực vật\n\na) Trình tự thực hiện: theo quy định.\n\n\
                Phụ lục 10\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n---------------\n\n\
                Số: /TTTV-.. | ........., ngày ....... tháng ......năm 20.......\n\nBÁO CÁO\n\nI. TÌNH HÌNH SINH VẬT GÂY HẠI\n\n\
                Nơi nhận: - Như trên; - Lưu: VT. | CỤC TRƯỞNG\n\n\
                Phụ lục 14\n\nCỤC TRỒNG TRỌT ------- Số: /TTTV-TV | ........., ngày ....... tháng ......năm 20.......\n\n\
                BÁO CÁO Kết quả chống dịch (tên sinh vật gây hại) | \n\nI. KẾT QUẢ CHỐNG DỊCH\n\n\
                Nơi nhận: - Như trên; - Lưu: VT. | CỤC TRƯỞNG\n\n\
                2. Ban hành Kế hoạch chuyển đổi cơ cấu cây trồng\n\na) Trình tự thực hiện: theo quy định.\n\n\
                PHỤ LỤC II\nMẪU KẾ HOẠCH\n\nỦY BAN NHÂN DÂN TỈNH … | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n\
                KẾ HOẠCH\nChuyển đổi cơ cấu cây trồng năm …\n\nSTT | Xã | Diện tích\n1 | Xã A | \n\n\
                3. Ban hành Danh mục loài cây trồng\n\na) Trình tự thực hiện: theo quy định.\n\n\
                Nơi nhận: - Như trên; - Lưu: VT.\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Phụ lục", "Phụ lục/1", "Phụ lục/1/a", "Phụ lục/2", "Phụ lục/2/a", "Phụ lục/3", "Phụ lục/3/a"]);
}

#[test]
fn a_labelled_form_is_no_part_of_the_structure() {
    // A circular's appendix of templates: "Mẫu số 01", the form's title,
    // the header to fill in, then fields numbered like sections, and a
    // sheet attached after the form's recipients.
    let text = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 69/2025/TT-BNNMT\nHà Nội, ngày 28 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định tiêu chí xác định loài ngoại lai xâm hại\n\n\
                Điều 1. Phạm vi điều chỉnh\n\nThông tư này quy định tiêu chí xác định loài ngoại lai xâm hại.\n\n\
                PHỤ LỤC I\nCÁC BIỂU MẪU\n\nMẫu số 01\n\nBÁO CÁO XÁC ĐỊNH NGUY CƠ XÂM HẠI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n\
                I. THÔNG TIN VỀ LOÀI NGOẠI LAI\n\n1. Tên tiếng Việt.\n\n2. Tên khoa học.\n\nNơi nhận: - Như trên; - Lưu: VT.\n\n\
                THÔNG TIN KÈM THEO BÁO CÁO\n\n1. Tên khoa học: ..........\n\n\
                PHỤ LỤC II\nDANH MỤC LOÀI NGOẠI LAI XÂM HẠI\n\nI. Vi sinh vật\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Phụ lục I", "Phụ lục II", "Phụ lục II/I"]);
}


#[test]
fn a_form_labelled_by_its_code_is_no_part_of_the_structure() {
    // A procedure's forms listed by code ("BM.01 | Mẫu giấy ..."), then each
    // form under its code alone on a line, with fields numbered like sections.
    let text = "BỘ Y TẾ\nSố: 3621/QĐ-BYT\nHà Nội, ngày 24 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc ban hành quy trình giải quyết thủ tục hành chính\n\n\
                Điều 1. Ban hành kèm theo Quyết định này 01 Quy trình.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n\
                PHỤ LỤC\n\nBiểu mẫu | Nội dung\nBM.01 | Mẫu giấy tiếp nhận hồ sơ\nBM.02 | Báo cáo thành tích\n\n\
                BM.01\n\nGIẤY TIẾP NHẬN HỒ SƠ\n\n1. Tên hồ sơ:....................\n\n2. Số lượng hồ sơ:.........(bộ)\n\n\
                BM.02\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBÁO CÁO THÀNH TÍCH\n\nI. Tiểu sử bản thân:\n\n1. Họ và tên:..........\n\n\
                II. Quá trình công tác:\n\n1. Tóm tắt quá trình công tác.\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Phụ lục"]);
}
#[test]
fn numbering_quoted_from_the_amended_document_is_not_a_section() {
    // An amending decree quotes the new wording of the old one, items and
    // all, over several paragraphs; the quotation may open mid-paragraph.
    let text = "CHÍNH PHỦ\nSố: 16/2025/NĐ-CP\nHà Nội, ngày 04 tháng 02 năm 2025\n\nNGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 72/2020/NĐ-CP\n\n\
                Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 72/2020/NĐ-CP như sau:\n\n\
                1. Sửa đổi khoản 1 Điều 7 như sau:\n\n\"1. Phụ cấp chức vụ chỉ huy được chi trả theo tháng, mức hưởng như sau:\n\n\
                a) Chỉ huy trưởng: 561.600 đồng;\n\nb) Tiểu đội trưởng: 234.000 đồng\".\n\n\
                2. Sửa đổi Điều 8 như sau: “Điều 8. Chế độ phụ cấp\n\na) Thôn đội trưởng: 280.800 đồng;\n\nb) Phó Chỉ huy trưởng: 351.000 đồng”.\n\n\
                a) Bổ sung tên điều như sau: tên mới.\n\n\
                Điều 2. Hiệu lực thi hành\n\nNghị định này có hiệu lực từ ngày ký.\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 1/1", "Điều 1/2", "Điều 1/2/a", "Điều 2"]);
}

#[test]
fn a_letter_asks_after_a_purpose_clause_and_a_place_ends_the_name() {
    let text = "BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5363/CT-CS\nHà Nội, ngày 20 tháng 11 năm 2025\n\nKính gửi: Các Thuế tỉnh, thành phố.\n\n\
                Ngày 30/6/2025, Chính phủ ban hành Nghị định số 175/2025/NĐ-CP.\n\n\
                Để bảo đảm việc thu lệ phí trước bạ từ ngày 01/01/2026, đề nghị các Thuế tỉnh, thành phố khẩn trương báo cáo UBND tỉnh ban hành Bảng giá.\n\n\
                Đề nghị Thuế thành phố Huế đối chiếu với quy định của pháp luật để xử lý.\n\n\
                Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các Thuế tỉnh phản ánh về Cục Thuế.\n";
    let doc = parse(text);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    assert_eq!(leads, [vec!["các Thuế tỉnh, thành phố".to_string()], vec!["Thuế thành phố Huế".to_string()]]);
}

#[test]
fn an_item_that_opens_with_its_own_agency_and_a_duty_is_that_agency_s() {
    let text = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 69/2025/TT-BNNMT\nHà Nội, ngày 28 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định tiêu chí xác định loài ngoại lai xâm hại\n\n\
                Điều 1. Phạm vi điều chỉnh\n\nThông tư này quy định tiêu chí xác định loài ngoại lai xâm hại.\n\n\
                Điều 2. Trách nhiệm thi hành\n\n1. Các đơn vị trực thuộc Bộ Nông nghiệp và Môi trường\n\n\
                a) Cục Bảo tồn thiên nhiên và Đa dạng sinh học: Chủ trì triển khai thực hiện Thông tư này;\n\n\
                b) Vụ Kế hoạch - Tài chính đảm bảo kinh phí hằng năm cho các đơn vị trực thuộc Bộ;\n\n\
                c) Tổng hợp kết quả thực hiện.\n";
    let doc = parse(text);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    assert_eq!(
        leads,
        [vec!["Cục Bảo tồn thiên nhiên và Đa dạng sinh học".to_string()], vec!["Vụ Kế hoạch - Tài chính".to_string()], vec!["Các đơn vị trực thuộc Bộ Nông nghiệp và Môi trường".to_string()]]
    );
}

#[test]
fn the_end_mark_closes_the_body_when_the_recipients_lost_their_label() {
    // A PDF reader dropped "Nơi nhận:"; the list follows the closing article.
    let text = "CHÍNH PHỦ\nSố: 16/2025/NĐ-CP\nHà Nội, ngày 04 tháng 02 năm 2025\n\nNGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 72/2020/NĐ-CP\n\n\
                Điều 1. Hiệu lực thi hành\n\nNghị định này có hiệu lực thi hành từ ngày 23 tháng 3 năm 2025.\n\n\
                Điều 2. Trách nhiệm thi hành\n\n1. Bộ Quốc phòng hướng dẫn thực hiện Nghị định này.\n\n\
                2. Các Bộ trưởng, Chủ tịch Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Nghị định này./.\n\n\
                - Thủ tướng, các Phó Thủ tướng Chính phủ;\n\n- Các bộ, cơ quan ngang bộ;\n\n- Lưu: VT, NC.\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 2/1", "Điều 2/2"]);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    assert_eq!(leads, [vec!["Bộ Quốc phòng".to_string()]]);
}

#[test]
fn a_chapter_title_on_the_next_line_is_its_heading() {
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 2579/QĐ-UBND\nCần Thơ, ngày 21 tháng 11 năm 2025\n\nQUY ĐỊNH\nTiêu chí đánh giá\n\n\
                Chương I\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuy định này áp dụng cho các cơ quan.\n\n\
                Chương II\n\nTỔ CHỨC THỰC HIỆN\n\nĐiều 2. Thời gian đánh giá\n\n\
                Sở Nội vụ tổng hợp kết quả tự chấm điểm của các cơ quan từ ngày 16 đến ngày 31 tháng 12 hằng năm.\n";
    let doc = parse(text);
    let headings: Vec<Option<String>> = doc.sections.iter().map(|s| s.heading.clone()).collect();
    assert_eq!(headings, [Some("NHỮNG QUY ĐỊNH CHUNG".to_string()), Some("TỔ CHỨC THỰC HIỆN".to_string())]);
    // under "TỔ CHỨC THỰC HIỆN" an article's agency is assigned its sentence, even in a regulation
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    assert_eq!(leads, ["Sở Nội vụ"], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_goal_phrase_with_dat_duoc_is_a_goal_and_a_distant_cue_makes_no_count_a_goal() {
    let text = format!(
        "{PLAN_HEADER}I. NHIỆM VỤ\n\n\
         Để đạt được mục tiêu tăng trưởng kinh tế 8% trong năm 2025 của Tỉnh, các sở cần tiếp tục thực hiện quyết liệt các giải pháp.\n\n\
         Về điều chuyển số vốn dư không có khả năng giải ngân trong năm 2025 (khoảng 1.500 tỷ đồng) từ nguồn vốn hỗ trợ theo chính sách đặc thù quy định cho tỉnh, \
         Ủy ban nhân dân tỉnh rà soát và khẩn trương thực hiện các giải pháp để đạt tỷ lệ giải ngân cao nhất.\n\n\
         Kết quả năm 2024 đã đạt được 7,5% tăng trưởng.\n"
    );
    let doc = parse(&text);
    let found = value_units(&doc);
    assert_eq!(found, [(8.0, "%")], "targets: {:?}", doc.targets);
}

#[test]
fn an_agency_that_has_the_duty_is_assigned_it() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nBảo đảm không để người dân bị đói.\n\nII. NỘI DUNG\n\n\
         1. Giám đốc Sở Nội vụ có trách nhiệm hướng dẫn, đôn đốc, kiểm tra việc triển khai Kế hoạch này.\n\n\
         2. Các cơ quan, đơn vị phải chịu trách nhiệm về việc để xảy ra vi phạm trong phạm vi quản lý.\n"
    );
    let doc = parse(&text);
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    assert_eq!(leads, ["Giám đốc Sở Nội vụ"], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_body_saved_in_one_cell_of_a_web_page_is_read_as_paragraphs() {
    // Legal-document sites keep the whole body in one cell of the page's
    // layout table; in .txt it is one row with every paragraph break lost.
    let items: String = (1..=12)
        .map(|i| format!("{i}. Nội dung thứ {i} của quan điểm phát triển Chính phủ số, lấy người dân làm trung tâm, bảo đảm an toàn thông tin. "))
        .collect();
    let body = format!(
        "QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ THỦ TƯỚNG CHÍNH PHỦ Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; \
         Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ. QUYẾT ĐỊNH: Điều 1. Phê duyệt Chương trình với những nội dung sau: \
         I. QUAN ĐIỂM {items}II. MỤC TIÊU Đến năm 2030, 100% dịch vụ công trực tuyến toàn trình được cung cấp. \
         III. TỔ CHỨC THỰC HIỆN 1. Bộ Khoa học và Công nghệ chủ trì, phối hợp với Bộ Công an hướng dẫn triển khai Chương trình, báo cáo trước ngày 15 tháng 12 hằng năm. \
         Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký."
    );
    let text = format!(
        "Đang tải văn bản... # Số hiệu: | 2629/QĐ-TTg\nTHỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n\
         Số: 2629/QĐ-TTg | Hà Nội, ngày 01 tháng 12 năm 2025 | {body} | Nơi nhận: - Như Điều 2; - Lưu: VT. | KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Chí Dũng\n"
    );
    let doc = parse(&text);
    assert_eq!(doc.meta.doc_type, "quyet_dinh");
    assert_eq!(doc.meta.number.as_deref(), Some("2629/QĐ-TTg"));
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    for want in ["Điều 1", "Điều 1/I", "Điều 1/I/12", "Điều 1/II", "Điều 1/III/1", "Điều 2"] {
        assert!(p.iter().any(|x| x == want), "{want} in {p:?}");
    }
    assert_eq!(doc.targets.iter().map(|t| t.value).collect::<Vec<_>>(), [100.0], "targets: {:?}", doc.targets);
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    assert_eq!(leads, ["Bộ Khoa học và Công nghệ"], "tasks: {:?}", doc.tasks);
}

#[test]
fn an_appendix_title_inside_the_last_row_of_a_table_starts_a_new_table() {
    // Web pages put the next appendix's title and its table's header in the
    // last row of the table before; a period row groups indicator rows.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nBảo đảm chất lượng.\n\nPHỤ LỤC I DANH MỤC CÁC CHỈ TIÊU CỤ THỂ (Kèm theo Kế hoạch số 129/KH-UBND)\n\
         TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá\n\
         I | Giai đoạn 2025-2027 |  |  | \n\
         I.1 | Cung cấp dịch vụ số |  |  | \n\
         1 | Tỉ lệ dịch vụ công trực tuyến toàn trình. | % | 100% | Văn phòng Ủy ban nhân dân tỉnh\n\
         2 | Tỉ lệ hồ sơ được số hóa. | % | 90% | Sở Khoa học và Công nghệ | PHỤ LỤC II DANH MỤC NHIỆM VỤ (Kèm theo Kế hoạch số 129/KH-UBND) | TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện\n\
         1 | Xây dựng Luật An ninh dữ liệu. | Công an tỉnh | Sở Tư pháp | Tháng 12/2026\n"
    );
    let doc = parse(&text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert!(p.iter().any(|x| x == "Phụ lục II"), "{p:?}");
    let rows: Vec<(String, Option<String>)> =
        doc.tasks.iter().map(|t| (t.lead.join("; "), t.deadline.as_ref().and_then(|d| d.by.clone()))).collect();
    assert_eq!(
        rows,
        [
            ("Văn phòng Ủy ban nhân dân tỉnh".to_string(), Some("2027-12-31".to_string())),
            ("Sở Khoa học và Công nghệ".to_string(), Some("2027-12-31".to_string())),
            ("Công an tỉnh".to_string(), Some("2026-12-31".to_string())),
        ],
        "tasks: {:?}",
        doc.tasks
    );
    assert_eq!(doc.tasks[2].section.first().map(String::as_str), Some("Phụ lục II"));
}

#[test]
fn a_telegram_assigns_work_in_every_numbered_item_but_not_to_its_recipients() {
    let text = "THỦ TƯỚNG CHÍNH PHỦ\nSố: 227/CĐ-TTg\nHà Nội, ngày 23 tháng 11 năm 2025\n\nCÔNG ĐIỆN\nVề việc tập trung khắc phục hậu quả mưa lũ\n\n\
                THỦ TƯỚNG CHÍNH PHỦ điện:\n\n- Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ;\n\n\
                Vừa qua mưa lũ đặc biệt lớn đã gây thiệt hại nặng nề.\n\n\
                1. Bộ trưởng Bộ Quốc phòng chỉ đạo các đơn vị quân đội hỗ trợ Nhân dân sửa chữa nhà cửa.\n\n\
                2. Bộ trưởng Bộ Xây dựng khẩn trương hướng dẫn các địa phương khắc phục công trình giao thông.\n";
    let doc = parse(text);
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    assert_eq!(leads, ["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Xây dựng"], "tasks: {:?}", doc.tasks);
}

#[test]
fn the_steps_of_an_administrative_procedure_are_not_tasks() {
    let text = format!(
        "{PLAN_HEADER}I. NỘI DUNG\n\nQuy trình nội bộ như sau.\n\n\
         Thứ tự công việc | Nội dung công việc | Trách nhiệm thực hiện | Thời gian thực hiện\n\
         Bước 1 | Kiểm tra hồ sơ, lập phiếu tiếp nhận | Bộ phận tiếp nhận và trả kết quả | 0,5 ngày làm việc\n\
         Bước 2 | Thụ lý giải quyết hồ sơ | Chuyên viên Phòng Bảo trợ xã hội | 07 ngày làm việc\n"
    );
    let doc = parse(&text);
    assert!(doc.tasks.is_empty(), "tasks: {:?}", doc.tasks);
}

#[test]
fn a_numbered_item_after_a_bullet_list_is_not_inside_the_last_bullet() {
    let text = "THỦ TƯỚNG CHÍNH PHỦ\nSố: 223/CĐ-TTg\nHà Nội, ngày 20 tháng 11 năm 2025\n\nCÔNG ĐIỆN\nVề việc ứng phó lũ\n\n\
                THỦ TƯỚNG CHÍNH PHỦ điện:\n\n- Các Bộ: Quốc phòng, Công an, Xây dựng;\n\n\
                1. Bộ Quốc phòng chỉ đạo các đơn vị quân đội hỗ trợ Nhân dân.\n\n2. Bộ Xây dựng hướng dẫn các địa phương khắc phục hậu quả.\n";
    let doc = parse(text);
    let tops: Vec<String> = doc.sections.iter().map(|s| s.marker.clone()).collect();
    assert_eq!(tops, ["-", "1.", "2."], "sections: {:?}", doc.sections);
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    assert_eq!(leads, ["Bộ Quốc phòng", "Bộ Xây dựng"], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_letter_without_a_type_title_has_its_number_and_tasks_but_no_targets() {
    // A letter (Công văn) saved from a web page: number, date and body share
    // one layout row, and the body quotes rates that are no goals.
    let body = "Kính gửi: Bộ trưởng Bộ Khoa học và Công nghệ. Về đề nghị thành lập Mạng lưới quan trắc: Bộ Khoa học và Công nghệ \
                chủ trì, phối hợp với Bộ Quốc phòng rà soát mô hình tổ chức của Mạng lưới, báo cáo Thủ tướng Chính phủ trong quý I năm 2026. \
                Tỷ lệ phần trăm tính đơn giá thuê đất một năm là từ 0,25% đến 3% theo quy định hiện hành của Chính phủ.";
    let text = format!(
        "VĂN PHÒNG CHÍNH PHỦ -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\
         Số: 11299/VPCP-KGVX V/v thành lập Mạng lưới quan trắc | Hà Nội, ngày 18 tháng 11 năm 2025 | {body}\n"
    );
    let doc = parse(&text);
    assert_eq!(doc.meta.number.as_deref(), Some("11299/VPCP-KGVX"));
    assert!(doc.targets.is_empty(), "targets: {:?}", doc.targets);
    assert!(doc.references.iter().all(|r| r.number != "11299/VPCP-KGVX"), "its own number is no reference");
    // no numbered item: the body is read for assignments all the same
    let roles: Vec<(Vec<String>, Vec<String>)> = doc.tasks.iter().map(|t| (t.lead.clone(), t.support.clone())).collect();
    assert_eq!(roles, [(vec!["Bộ Khoa học và Công nghệ".to_string()], vec!["Bộ Quốc phòng".to_string()])], "tasks: {:?}", doc.tasks);
}

/// A PDF of a saved web page puts an appendix header apart from its rows,
/// which carry one more, empty, column: the rows still line up.
#[test]
fn rows_with_a_column_nobody_writes_in_line_up_with_their_header() {
    let doc = parse(
        "KẾ HOẠCH\nThực hiện chương trình\nPHỤ LỤC\n\
         TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện\n\
         1 | Xây dựng Luật An ninh dữ liệu | Bộ Công an |  | Bộ Tư pháp | Tháng 12/2026\n\
         2 | Xây dựng Cổng dữ liệu quốc gia | Bộ Khoa học và Công nghệ |  | Bộ Công an | Năm 2026\n",
    );
    let tasks: Vec<(&str, Vec<String>, Vec<String>)> =
        doc.tasks.iter().filter(|t| t.origin == "table").map(|t| (t.text.as_str(), t.lead.clone(), t.support.clone())).collect();
    assert_eq!(
        tasks,
        [
            ("Xây dựng Luật An ninh dữ liệu", vec!["Bộ Công an".to_string()], vec!["Bộ Tư pháp".to_string()]),
            ("Xây dựng Cổng dữ liệu quốc gia", vec!["Bộ Khoa học và Công nghệ".to_string()], vec!["Bộ Công an".to_string()]),
        ]
    );
    assert_eq!(doc.tasks.iter().find(|t| t.origin == "table").and_then(|t| t.deadline.as_ref()).map(|d| d.text.as_str()), Some("Tháng 12/2026"));
}

/// Issuers are written the way Vietnamese writes a body's name, and a body
/// under its parent is the issuer.
#[test]
fn issuer_names_keep_their_capitals_and_the_lower_body_issues() {
    let doc = parse("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n-------\nSố: 4385/QĐ-BVHTTDL\nHà Nội, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n\nĐiều 1. Công bố kèm theo Quyết định này.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Bộ Văn hóa, Thể thao và Du lịch"));
    let doc = parse("THỦ TƯỚNG CHÍNH PHỦ\n-------\nSố: 2629/QĐ-TTg\nHà Nội, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc phê duyệt Chương trình\n\nĐiều 1. Phê duyệt Chương trình.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    let doc = parse("BỘ TÀI CHÍNH CỤC THUẾ\nSố: 5491/CT-CS\nV/v Chính sách thuế\nHà Nội, ngày 25 tháng 11 năm 2025\n\nKính gửi: Thuế tỉnh Ninh Bình\n\nCục Thuế nhận được công văn của Thuế tỉnh Ninh Bình.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Cục Thuế"));
    let doc = parse("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 1009/QĐ-UBND\nQuảng Nam, ngày 29 tháng 3 năm 2012\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Quảng Nam"));
    // Names with capitals of their own (Decree 30/2020's special cases, and
    // names spelt as the bodies spell them).
    for (header, issuer) in [
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
        ("KIỂM TOÁN NHÀ NƯỚC", "Kiểm toán nhà nước"),
        ("NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM", "Ngân hàng Nhà nước Việt Nam"),
        // A copy that broke the name's first words onto a line of their own.
        ("THỦ TƯỚNG\nCHÍNH PHỦ\n-------", "Thủ tướng Chính phủ"),
        ("ỦY\nBAN NHÂN DÂN TỈNH BẮC NINH", "Ủy ban nhân dân tỉnh Bắc Ninh"),
    ] {
        assert_eq!(issuer_of_plan_under(header).as_deref(), Some(issuer), "{header}");
    }
}

/// The issuer of a short plan whose header is `header`.
fn issuer_of_plan_under(header: &str) -> Option<String> {
    parse(&format!("{header}\nSố: 15/KH-UBND\nHà Nội, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH\nThực hiện chuyển đổi số\n\nI. MỤC ĐÍCH\n")).meta.issuer
}

/// A department under a local government takes the place its parent names:
/// every province has a "Sở Giáo dục và Đào tạo". A ministry's parent lends
/// no place, and a body that names its place already is left as it is.
#[test]
fn a_department_under_a_local_government_is_named_with_its_place() {
    for (header, issuer) in [
        ("UBND THÀNH PHỐ HÀ NỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo thành phố Hà Nội"),
        ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSỞ TÀI CHÍNH", "Sở Tài chính tỉnh Quảng Nam"),
        ("UBND HUYỆN TRIỆU SƠN\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo huyện Triệu Sơn"),
        ("UBND TỈNH QUẢNG NAM\nBAN DÂN TỘC TỈNH QUẢNG NAM", "Ban Dân tộc tỉnh Quảng Nam"),
        ("BỘ TÀI CHÍNH\nCỤC THUẾ", "Cục Thuế"),
    ] {
        assert_eq!(issuer_of_plan_under(header).as_deref(), Some(issuer), "{header}");
    }
}

/// A decision taken in person by the head of a body ("CHỦ TỊCH ỦY BAN NHÂN
/// DÂN TỈNH ...", under the title or glued to it by a saved page) is issued
/// by that position, as other documents cite it; a body deciding as a whole
/// and a cited document's author ("... CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH") are not.
#[test]
fn a_decision_taken_in_person_is_issued_by_the_position() {
    let header = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 2709/QĐ-UBND\nQuảng Trị, ngày 18 tháng 11 năm 2025\n\n";
    let doc = parse(&format!("{header}QUYẾT ĐỊNH\nCông bố danh mục thủ tục hành chính\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Công bố.\n"));
    assert_eq!(doc.meta.issuer.as_deref(), Some("Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"));
    assert_eq!(doc.meta.title.as_deref(), Some("Công bố danh mục thủ tục hành chính"));
    // The line cut short: the header completes the body.
    let doc = parse(&format!("{header}QUYẾT ĐỊNH\nCông bố danh mục thủ tục hành chính\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nĐiều 1. Công bố.\n"));
    assert_eq!(doc.meta.issuer.as_deref(), Some("Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị"));
    let doc = parse("BỘ Y TẾ\nSố: 12/QĐ-BYT\nHà Nội, ngày 20 tháng 11 năm 2025 | QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY TRÌNH BỘ TRƯỞNG BỘ Y TẾ | Căn cứ Nghị định số 42/2025/NĐ-CP;\n\nĐiều 1. Ban hành.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Bộ trưởng Bộ Y tế"));
    assert_eq!(doc.meta.title.as_deref(), Some("VỀ VIỆC BAN HÀNH QUY TRÌNH"));
    // The committee deciding as a whole.
    let doc = parse(&format!("{header}QUYẾT ĐỊNH\nBan hành Kế hoạch\n\nỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nĐiều 1. Ban hành.\n"));
    assert_eq!(doc.meta.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Quảng Trị"));
    // A chairman's symbol without an authority line.
    let doc = parse("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nSố: 52/2025/QĐ-CTUBND\nCao Bằng, ngày 28 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nPhân cấp cho Sở Giáo dục và Đào tạo\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nĐiều 1. Phân cấp.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng"));
    // A title that ends with the author of the circular it amends.
    let doc = parse("BỘ TÀI CHÍNH\nSố: 112/2025/TT-BTC\nHà Nội, ngày 28 tháng 11 năm 2025 | THÔNG TƯ SỬA ĐỔI THÔNG TƯ SỐ 55/2023/TT-BTC NGÀY 15 THÁNG 8 NĂM 2023 CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH | Căn cứ Luật Ngân sách nhà nước;\n\nĐiều 1. Sửa đổi.\n");
    assert_eq!(doc.meta.issuer.as_deref(), Some("Bộ Tài chính"));
    assert_eq!(doc.meta.title.as_deref(), Some("SỬA ĐỔI THÔNG TƯ SỐ 55/2023/TT-BTC NGÀY 15 THÁNG 8 NĂM 2023 CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH"));
}

/// A letter has no type title: its subject ("V/v ...") is its title.
#[test]
fn a_letter_is_titled_by_its_subject() {
    let doc = parse("VĂN PHÒNG CHÍNH PHỦ\n-------\nSố: 11414/VPCP-CN\nV/v đẩy nhanh tiến độ Dự án đường cao tốc\nHà Nội, ngày 20 tháng 11 năm 2025\n\nKính gửi: Bộ Xây dựng\n\nXét báo cáo của Bộ Xây dựng, Phó Thủ tướng có ý kiến như sau.\n");
    assert_eq!(doc.meta.doc_type, "cong_van");
    assert_eq!(doc.meta.title.as_deref(), Some("V/v đẩy nhanh tiến độ Dự án đường cao tốc"));
    assert_eq!(doc.meta.issuer.as_deref(), Some("Văn phòng Chính phủ"));
}

/// The enacting authority after a title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
/// is no part of it, and a header without its own date takes none from a
/// cited law.
#[test]
fn the_enacting_authority_ends_the_title_and_cited_dates_are_not_the_date() {
    let doc = parse("CHÍNH PHỦ\nSố: 16/2025/NĐ-CP\n\nNGHỊ ĐỊNH\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 72/2020/NĐ-CP NGÀY 30 THÁNG 6 NĂM 2020 CỦA CHÍNH PHỦ\n\nCăn cứ Luật Dân quân tự vệ ngày 22 tháng 11 năm 2019;\n\nĐiều 1. Sửa đổi một số điều.\n");
    assert_eq!(doc.meta.title.as_deref(), Some("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 72/2020/NĐ-CP NGÀY 30 THÁNG 6 NĂM 2020 CỦA CHÍNH PHỦ"));
    assert_eq!(doc.meta.date, None);
    let doc = parse("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 12/QĐ-UBND\nBắc Ninh, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH CỦA SỞ TƯ PHÁP CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nĐiều 1. Công bố.\n");
    assert_eq!(doc.meta.title.as_deref(), Some("VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH CỦA SỞ TƯ PHÁP"));
    assert_eq!(doc.meta.date.as_deref(), Some("2025-11-20"));
}

#[test]
fn a_colon_list_after_a_plural_head_names_each_office() {
    let text = format!(
        "{PLAN_HEADER}I. TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của các Sở: Xây dựng, Tài chính, Nội vụ.\n\n\
         a) Chủ trì, phối hợp với UBND cấp xã tham mưu, báo cáo UBND tỉnh.\n\nb) Hướng dẫn, tập huấn nghiệp vụ cho cấp xã.\n\n\
         2. Các Sở: Căn cứ chức năng, nhiệm vụ, tổ chức triển khai Kế hoạch.\n"
    );
    let doc = parse(&text);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    let offices = vec!["Sở Xây dựng".to_string(), "Sở Tài chính".to_string(), "Sở Nội vụ".to_string()];
    // The heading's list is no duty of its own: one task per lettered item.
    assert_eq!(leads[..2], [offices.clone(), offices], "{leads:?}");
    // A lone capitalised duty after the colon is the duty, not an office.
    assert!(doc.tasks.iter().all(|t| !t.lead.iter().any(|l| l.contains("Căn cứ"))), "{leads:?}");
    assert!(doc.tasks.iter().all(|t| !t.text.starts_with("Xây dựng, Tài chính")), "{leads:?}");
}

#[test]
fn figures_in_quotes_and_on_the_territory_are_no_goals() {
    let text = format!(
        "{PLAN_HEADER}I. NỘI DUNG\n\n1. Phát huy tinh thần làm việc “3 ca, 4 kíp”, thi đua “hoàn thành 3.000 km đường bộ cao tốc”.\n\n\
         2. Trên địa bàn tỉnh gồm 56 xã, phường.\n\n3. Mỗi năm thu hút trên 500 lượt khách.\n"
    );
    let doc = parse(&text);
    let values: Vec<f64> = doc.targets.iter().map(|t| t.value).collect();
    assert_eq!(values, [500.0]);
}

#[test]
fn a_figure_after_closed_quotes_in_the_same_clause_is_a_goal() {
    // Quotation marks are located once per clause; a figure counts as quoted
    // only with more marks opened than closed before it and one closing after.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n1. Triển khai phong trào “3 ca, 4 kíp” và mô hình \"5 không\", phấn đấu đạt 95% hồ sơ trực tuyến; \
         duy trì khẩu hiệu \"100% hài lòng\" trong năm 2026.\n"
    );
    let doc = parse(&text);
    let values: Vec<f64> = doc.targets.iter().map(|t| t.value).collect();
    assert_eq!(values, [95.0], "{:?}", doc.targets);
}

#[test]
fn an_indicator_table_sets_a_target_per_future_year_column() {
    // The header of 2025 spans two columns below it ("Kế hoạch | Ước thực
    // hiện"): years are counted from the right, the unit from the left.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nPhấn đấu hoàn thành các chỉ tiêu tại Phụ lục.\n\nPHỤ LỤC\n\n\
         STT | Chỉ tiêu | Đơn vị tính | Năm hiện hành 2025 | Năm 2026 | Năm 2027\n\
         Kế hoạch | Ước thực hiện\n\
         1 | Tốc độ tăng trưởng GRDP | % | 8,00 | 7,90 | 10,00 | 10,5\n\
         2 | Mức giảm tỷ lệ hộ nghèo | % | 0,8 | 0,8 | 1-1,5 | 0\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, &str, Option<i32>)> =
        doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.comparator.as_str(), t.year)).collect();
    assert_eq!(got, [(10.0, "%", "eq", Some(2026)), (10.5, "%", "eq", Some(2027)), (1.0, "%", "gte", Some(2026)), (1.5, "%", "lte", Some(2026))]);
    assert_eq!(doc.targets[0].indicator, "Tốc độ tăng trưởng GRDP");
}

#[test]
fn a_period_column_split_by_a_row_of_years_gives_each_year() {
    let text = format!(
        "{PLAN_HEADER}PHỤ LỤC 01\n\nTT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | GIAI ĐOẠN 2026 - 2030\n\
         Năm 2026 | Năm 2027 | Năm 2028\n\
         1 | Diện tích cà phê | Ha | 26.120 | 27.000 | 27.500 | 28.000\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(got, [(27000.0, Some(2026)), (27500.0, Some(2027)), (28000.0, Some(2028))]);
}

#[test]
fn units_under_each_year_split_the_year_columns() {
    // No unit column: each plan year spans "Lượng (Tấn) | Giá trị (Nghìn USD)".
    // A total whose cells the text lost ("Tổng 240.000 270.000") sits
    // between the rows and does not end the table.
    let text = format!(
        "{PLAN_HEADER}PHỤ LỤC 02\n\nTT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2027\n\
         Lượng (Tấn) | Giá trị xuất khẩu (Nghìn USD) | Lượng (Tấn) | Giá trị xuất khẩu (Nghìn USD) |\n\
         1 | 2 | 3 | 4 | 5 | 6\n\
         Tổng 240.000 270.000\n\
         1 | Xoài | 13.500 | 7.000 | 14.800 | 7.800\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.year)).collect();
    assert_eq!(got, [(13500.0, "Tấn", Some(2026)), (7000.0, "Nghìn USD", Some(2026)), (14800.0, "Tấn", Some(2027)), (7800.0, "Nghìn USD", Some(2027))], "targets: {:?}", doc.targets);
    assert!(doc.targets.iter().all(|t| t.indicator == "Xoài"));
}

#[test]
fn an_indicator_table_read_from_a_pdf_keeps_its_figures() {
    // A PDF reader put the row of years in columns of its own, to the left
    // of the first row, and the rows below start with the empty cells of
    // those columns: the unit is the cell before the figures.
    let text = format!(
        "{PLAN_HEADER}PHỤ LỤC 01\n\nTT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 |  |  | GIAI ĐOẠN 2026 - 2028 |  | \n\
         Năm 2026 | Năm 2027 | Năm 2028 | I | CÂY CÔNG NGHIỆP |  |  | \n\
          |  |  | - Diện tích |  | Ha | 26.120 | 27.000 | 27.500 | 28.000\n\
          |  |  | A | B | 1 | 2 | 3 | 4 | 5\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>, &str)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.year, t.indicator.as_str())).collect();
    // (the sub-row's list mark is no part of the indicator's name)
    assert_eq!(got, [(27000.0, "Ha", Some(2026), "Diện tích"), (27500.0, "Ha", Some(2027), "Diện tích"), (28000.0, "Ha", Some(2028), "Diện tích")]);
}

#[test]
fn units_under_years_split_a_header_with_empty_cells_among_the_years() {
    // The PDF reader left empty cells between "Kế hoạch 2027" and "Kế
    // hoạch 2028"; the row of units under them has one cell per column.
    let text = format!(
        "{PLAN_HEADER}PHỤ LỤC 02\n\nTT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2027 |  | Kế hoạch 2028 | \n\
          | Lượng (Tấn) | Giá trị (Nghìn USD) | Lượng (Tấn) | Giá trị (Nghìn USD) | Lượng (Tấn) | Giá trị (Nghìn USD)\n\
         3 | Chanh leo | 2.200 | 1.210 | 2.400 | 1.320 | 2.600 | 1.430\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.year)).collect();
    assert_eq!(
        got,
        [(2200.0, "Tấn", Some(2026)), (1210.0, "Nghìn USD", Some(2026)), (2400.0, "Tấn", Some(2027)), (1320.0, "Nghìn USD", Some(2027)), (2600.0, "Tấn", Some(2028)), (1430.0, "Nghìn USD", Some(2028))]
    );
}

#[test]
fn a_signer_name_ends_with_its_line() {
    // A saved page puts the next block ("Mẫu biểu số 01", "Công văn") right
    // after the name: it is no part of it.
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\nBảo đảm không để người dân bị đói.\n\n\
         TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLâm Văn Bi\n\nMẫu biểu số 01\n"
    );
    let doc = parse(&text);
    let names: Vec<&str> = doc.meta.signers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Lâm Văn Bi"]);
    assert_eq!(doc.meta.signers[0].on_behalf.as_deref(), Some("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"));
}

#[test]
fn a_header_number_stops_before_the_next_cell() {
    // A saved page put the number and the motto in one Word paragraph.
    let doc = parse("Số: 09/2025/NĐ-CP / Độc lập - Tự do - Hạnh phúc\n\nNGHỊ ĐỊNH\nQuy định về chính sách hỗ trợ sản xuất nông nghiệp\n\nĐiều 1. Phạm vi điều chỉnh\n");
    assert_eq!(doc.meta.number.as_deref(), Some("09/2025/NĐ-CP"));
    assert_eq!(doc.meta.doc_type, "nghi_dinh");
}

#[test]
fn a_telegram_is_typed_as_one() {
    let doc = parse("THỦ TƯỚNG CHÍNH PHỦ\nSố: 231/CĐ-TTg\nHà Nội, ngày 26 tháng 11 năm 2025\n\nCÔNG ĐIỆN\nVề việc chủ động ứng phó bão\n\n1. Bộ trưởng Bộ Quốc phòng chỉ đạo lực lượng hỗ trợ người dân.\n");
    assert_eq!(doc.meta.doc_type, "cong_dien");
}

#[test]
fn the_enacting_formula_names_an_issuer_the_header_lost() {
    // A saved circular kept the motto and the number but not the ministry.
    let body = "Căn cứ Luật Giáo dục số 43/2019/QH14;\n\nTheo đề nghị của Cục trưởng Cục Nhà giáo;\n\n";
    let circular = format!("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | Số: 21/2025/TT-BGDĐT\n\nQuy định chế độ trả tiền lương dạy thêm giờ\n\n{body}Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định chế độ trả tiền lương dạy thêm giờ.\n\nĐiều 1. Phạm vi điều chỉnh\n");
    assert_eq!(parse(&circular).meta.issuer.as_deref(), Some("Bộ Giáo dục và Đào tạo"));
    let decree = format!("Số: 09/2025/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định về chính sách hỗ trợ\n\n{body}Chính phủ ban hành Nghị định quy định về chính sách hỗ trợ.\n\nĐiều 1. Phạm vi điều chỉnh\n");
    assert_eq!(parse(&decree).meta.issuer.as_deref(), Some("Chính phủ"));
    // A sentence that only mentions a ministry's circular names no issuer.
    let mention = format!("Số: 10/2025/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định về chính sách\n\n{body}Các cơ quan thực hiện theo hướng dẫn của Bộ Tài chính ban hành Thông tư số 12/2025/TT-BTC.\n\nĐiều 1. Phạm vi\n");
    assert_eq!(parse(&mention).meta.issuer, None);
}

#[test]
fn a_colon_list_assigns_work_outside_an_implementation_part() {
    // A conclusion notice: its items are no "Tổ chức thực hiện" part, but
    // listing the members after a colon names who is to act, as "Giao" does.
    let text = "VĂN PHÒNG CHÍNH PHỦ\nSố: 648/TB-VPCP\nHà Nội, ngày 27 tháng 11 năm 2025\n\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n\nII. MỘT SỐ KIẾN NGHỊ\n\n\
        1. Các Bộ, cơ quan: Tài chính, Văn hóa, Thể thao và Du lịch, Tập đoàn Điện lực Việt Nam theo chức năng, nhiệm vụ được giao khẩn trương rà soát, báo cáo Thủ tướng Chính phủ trước ngày 05 tháng 12 năm 2025.\n\n\
        2. Các Bộ và các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội tổ chức phủ sóng các thôn lõm sóng.\n\n\
        3. Kiến nghị của tỉnh về các Bộ: Tài chính, Xây dựng đã được tiếp thu.\n";
    let doc = parse(text);
    let leads = task_leads(&doc);
    assert_eq!(
        leads,
        [
            vec!["Bộ Tài chính", "Bộ Văn hóa, Thể thao và Du lịch", "Tập đoàn Điện lực Việt Nam"],
            vec!["Các Bộ", "Tập đoàn Bưu chính Viễn thông Việt Nam", "Tập đoàn Công nghiệp - Viễn thông Quân đội"],
        ],
        "{:#?}",
        doc.tasks
    );
    assert_eq!(doc.tasks[0].deadline.as_ref().and_then(|d| d.by.clone()).as_deref(), Some("2025-12-05"));
}

#[test]
fn a_part_titled_in_a_short_sentence_is_still_its_heading() {
    // "IV. Tổ chức thực hiện." (sentence case, full stop) opens the
    // implementation part: a duty heading with one paragraph is a task there.
    let text = format!(
        "{PLAN_HEADER}IV. Tổ chức thực hiện.\n\n1. Sở Nông nghiệp và Môi trường:\n\n- Tổ chức quan trắc môi trường.\n\n\
         2. Sở Tài chính:\n\nTrên cơ sở đề nghị của Sở Nông nghiệp và Môi trường, tham mưu UBND tỉnh bố trí kinh phí.\n\n\
         V. Kinh phí thực hiện từ ngân sách tỉnh, theo phân cấp hiện hành.\n"
    );
    let doc = parse(&text);
    let leads: Vec<&str> = doc.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["Sở Nông nghiệp và Môi trường", "Sở Tài chính"], "{:#?}", doc.tasks);
    let headings: Vec<Option<&str>> = doc.sections.iter().map(|s| s.heading.as_deref()).collect();
    // A sentence with commas is a part's text, not its title.
    assert_eq!(headings, [Some("Tổ chức thực hiện"), None]);
}

#[test]
fn a_time_clause_before_the_subject_does_not_hide_the_agency() {
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n1. Sau khi Kế hoạch được ban hành, Sở Nội vụ hướng dẫn các xã triển khai.\n\n\
         2. Hằng năm, các cơ quan, đơn vị cấp tỉnh xây dựng kế hoạch tuyên truyền.\n\n3. Sau khi có ý kiến, việc triển khai được thực hiện ngay.\n\n\
         4. Trong quý I của năm liền kề đánh giá, Sở Tư pháp chủ trì, phối hợp với Sở Tài chính rà soát kết quả chấm điểm.\n\n\
         5. Trước ngày 15/12 hằng năm, Ủy ban nhân dân cấp xã gửi báo cáo về Sở Nội vụ.\n"
    );
    let doc = parse(&text);
    let leads = task_leads(&doc);
    let want = [vec!["Sở Nội vụ"], vec!["các cơ quan, đơn vị cấp tỉnh"], vec!["Sở Tư pháp"], vec!["Ủy ban nhân dân cấp xã"]];
    assert_eq!(leads, want, "{:#?}", doc.tasks);
    assert_eq!(doc.tasks[2].support, ["Sở Tài chính"], "{:#?}", doc.tasks[2]);
}

#[test]
fn a_regulation_assigns_by_article_title_clause_and_point() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 78/2025/QĐ-UBND\nBắc Ninh, ngày 21 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nBan hành Quy chế tiếp nhận phản ánh kiến nghị\n\n\
        Chương III\n\nTỔ CHỨC THỰC HIỆN\n\n\
        Điều 1. Trách nhiệm của Sở Khoa học và Công nghệ\n\n1. Trách nhiệm trong việc quản lý Ứng dụng\n\n\
        a) Cấp tài khoản cho các cơ quan, đơn vị.\n\nb) Báo cáo số liệu hàng tháng.\n\n\
        Điều 2. Trách nhiệm của Sở Nội vụ\n\nTham mưu đưa kết quả xử lý phản ánh kiến nghị vào tiêu chí đánh giá cải cách hành chính.\n\n\
        Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo Ủy ban nhân dân tỉnh.\n\n\
        Điều 3. Trách nhiệm của các cơ quan, đơn vị xử lý phản ánh kiến nghị\n\n1. Cử một lãnh đạo làm đầu mối.\n\n\
        2. Chịu trách nhiệm đối với những hậu quả xảy ra do chậm trễ xử lý.\n\n\
        Điều 4. Trách nhiệm của cá nhân, tổ chức có phản ánh kiến nghị\n\n1. Phản ánh đúng nội dung, địa bàn.\n";
    let doc = parse(text);
    let got: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    let want: Vec<(String, &str)> = vec![
        // A clause titled on its own line hands out its points one by one.
        ("Chương III/Điều 1/1/a".into(), "Sở Khoa học và Công nghệ"),
        ("Chương III/Điều 1/1/b".into(), "Sở Khoa học và Công nghệ"),
        // An article title over one paragraph: the paragraph is the duty;
        // where to turn with problems is no task.
        ("Chương III/Điều 2".into(), "Sở Nội vụ"),
        // Accountability is no task, nor are the public's rules of conduct.
        ("Chương III/Điều 3/1".into(), "các cơ quan, đơn vị xử lý phản ánh kiến nghị"),
    ];
    assert_eq!(got, want, "{:#?}", doc.tasks);
}

#[test]
fn goals_stated_by_an_agency_are_no_tasks_even_when_the_pdf_splits_the_heading() {
    // The PDF text layer puts "II." and its title on two lines.
    let text = format!(
        "{PLAN_HEADER}II.\nMỤC TIÊU ĐẾN NĂM 2030\n\n1. Cơ quan nhà nước quản lý, điều hành thông minh dựa trên dữ liệu:\n\n\
         - 100% hồ sơ công việc được xử lý trên môi trường điện tử.\n\n- 90% cán bộ được đào tạo kỹ năng số.\n\n\
         III.\nTỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ:\n\n- Hướng dẫn các đơn vị triển khai.\n"
    );
    let doc = parse(&text);
    let headings: Vec<Option<&str>> = doc.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(headings[headings.len() - 2..], [Some("MỤC TIÊU ĐẾN NĂM 2030"), Some("TỔ CHỨC THỰC HIỆN")]);
    let leads: Vec<&str> = doc.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["Sở Nội vụ"], "{:#?}", doc.tasks);
    assert_eq!(value_units(&doc), [(100.0, "%"), (90.0, "%")]);
}

#[test]
fn a_letters_addressees_are_no_items_and_its_requests_are_tasks() {
    // A letter saved from a web page: the addressees and the body share a
    // layout row; the body asks "bộ, ngành, địa phương" after a long opening.
    let text = "BỘ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\
        Số: 10989/BNV-TCBC V/v đề xuất biên chế giai đoạn 2026-2031 | Hà Nội, ngày 21 tháng 11 năm 2025\n\
        Kính gửi: | - Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ; - Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương. | \
        Bộ Nội vụ đã có Văn bản số 8091/BNV-TCBC ngày 17/9/2025 đề nghị các Bộ, ngành, địa phương báo cáo thực trạng biên chế. \
        Để việc đề xuất biên chế giai đoạn 2026-2031 của các bộ, ngành, địa phương được triển khai thống nhất theo đúng yêu cầu của Bộ Chính trị, \
        Ban Bí thư và Ban Tổ chức Trung ương, trên cơ sở nguyên tắc và định hướng đề xuất nhu cầu biên chế giai đoạn 2026 - 2031 nêu trên, \
        đề nghị bộ, ngành, địa phương khẩn trương tổng hợp đề xuất biên chế và gửi về Bộ Nội vụ trước ngày 26/11/2025. \
        Đề nghị bộ, ngành, địa phương quan tâm thực hiện./. | Nơi nhận: - Như trên; - Lưu: VT, TCBC.\n";
    let doc = parse(text);
    // The addressee bullets are not items, so the body is not inside the last one.
    assert!(doc.sections.is_empty(), "{:#?}", doc.sections);
    let got: Vec<(&str, String)> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.text.chars().take(18).collect())).collect();
    // What was asked before ("đã có Văn bản ... đề nghị") and the closing
    // formula ("quan tâm thực hiện./.") are not tasks.
    assert_eq!(got, [("bộ, ngành, địa phương", "Để việc đề xuất bi".to_string())], "{:#?}", doc.tasks);
}

#[test]
fn a_request_before_bullets_hands_them_to_the_agencies_asked() {
    let text = "UBND THÀNH PHỐ HÀ NỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 5095/SGDĐT-CTTTHSSV\nHà Nội, ngày 03 tháng 12 năm 2025\n\
        Kính gửi:\n- UBND các xã, phường;\n- Các đơn vị, cơ sở giáo dục trực thuộc.\n\
        Thực hiện Công văn số 6356/UBND-NNMT ngày 01/12/2025 của UBND Thành phố (Văn bản đính kèm); Nhằm đảm bảo sức khỏe cho học sinh, \
        Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường thực hiện nghiêm túc văn bản chỉ đạo của UBND Thành phố. Cụ thể:\n\
        - Thường xuyên cập nhật thông tin về chất lượng không khí.\n\
        - Các trường học chủ động điều chỉnh lịch học tập.\n\
        Sở Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện./. *\nNơi nhận:\n- Như trên;\n";
    let doc = parse(text);
    let got: Vec<(&str, String)> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.text.chars().take(12).collect())).collect();
    assert_eq!(
        got,
        [("UBND các xã, phường", "Thường xuyên".to_string()), ("Các trường học", "Các trường h".to_string())],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn a_leaders_directions_after_their_colon_are_tasks_but_an_answer_is_not() {
    let letter = |body: &str| {
        format!("VĂN PHÒNG CHÍNH PHỦ\nSố: 11298/VPCP-KTTH\nHà Nội, ngày 17 tháng 11 năm 2025\nKính gửi: Các Bộ, cơ quan ngang Bộ\n{body}\nNơi nhận:\n- Như trên;\n")
    };
    let doc = parse(&letter(
        "Xét báo cáo của Bộ Tài chính, Phó Thủ tướng Chính phủ Hồ Đức Phớc có ý kiến như sau: \
         Các Bộ, cơ quan ngang Bộ nghiên cứu các giải pháp tại Báo cáo số 621/BC-BTC; kịp thời báo cáo cấp có thẩm quyền.\n\
         Văn phòng Chính phủ thông báo để các Bộ, cơ quan biết, thực hiện./.",
    ));
    let leads: Vec<&str> = doc.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["Các Bộ, cơ quan ngang Bộ"], "{:#?}", doc.tasks);
    // A tax office's opinion answers a question: the paragraphs after it
    // explain the law ("cơ quan thuế không có trách nhiệm ...").
    let doc = parse(&letter(
        "Về vấn đề này, Cục Thuế có ý kiến như sau:\nCăn cứ quy định nêu trên, cơ quan thuế không có trách nhiệm xác định đơn giá thuê đất.\n\
         Cục Thuế trả lời để Thuế tỉnh Gia Lai biết./.",
    ));
    assert!(doc.tasks.is_empty(), "{:#?}", doc.tasks);
}

#[test]
fn a_regulation_duty_article_with_rights_gives_tasks_but_not_its_cases_or_repealed_clauses() {
    let text = "THỦ TƯỚNG CHÍNH PHỦ\nSố: 25/2016/QĐ-TTg\nHà Nội, ngày 27 tháng 6 năm 2016\n\nQUYẾT ĐỊNH\nBan hành Quy chế quản lý hoạt động của Cảng quốc tế Cam Ranh\n\n\
        1. Quyết định số 29/2019/QĐ-TTg ngày 03 tháng 10 năm 2019 của Thủ tướng Chính phủ;\n\n\
        2. Quyết định số 38/2025/QĐ-TTg ngày 13 tháng 10 năm 2025 của Thủ tướng Chính phủ.\n\n\
        Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý hoạt động của Cảng quốc tế Cam Ranh.\n\n\
        Điều 2. Quyết định này có hiệu lực thi hành từ ngày 15 tháng 8 năm 2016./.\n\n\
        QUY CHẾ\nQuản lý hoạt động của Cảng quốc tế Cam Ranh\n(Ban hành kèm theo Quyết định số 25/2016/QĐ-TTg ngày 27 tháng 6 năm 2016 của Thủ tướng Chính phủ)\n\n\
        Chương I\nQUY ĐỊNH CHUNG\n\n\
        Điều 1. Tàu quân sự nước ngoài đến Cảng quốc tế Cam Ranh\n\nTàu quân sự nước ngoài đến theo quy định của pháp luật.\n\n\
        Điều 1a. Người và phương tiện Việt Nam vào, ra Cảng quốc tế Cam Ranh\n\n1. Người vào Cảng phải có giấy phép.\n\n\
        Điều 2. Trách nhiệm và quyền hạn của Giám đốc Công ty Tân Cảng - Petro Cam Ranh\n\n\
        1. Điều hành Công ty trong việc khai thác Cảng quốc tế Cam Ranh.\n\n\
        2. Phối hợp với Cảng vụ Hàng hải Nha Trang từ chối tiếp nhận tàu thuyền trong các trường hợp sau đây:\n\n\
        a) Khi Cảng không thể tiếp nhận tàu thuyền;\n\nb) Có nguy cơ gây mất an toàn, an ninh.\n\n\
        3.[17] (được bãi bỏ).\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    // An article after a numbered list in the preamble is not inside its last
    // item, and an article inserted by an amendment ("10a") is an article.
    assert!(got.iter().any(|p| p == "Điều 1"), "{got:?}");
    assert!(got.iter().any(|p| p == "Chương I/Điều 1a/1"), "{got:?}");
    // The regulation is a part of its own; its first chapter's title ("QUY
    // ĐỊNH CHUNG") is no third document.
    let parts: Vec<&str> = doc.parts.iter().map(|p| p.doc_type.as_str()).collect();
    assert_eq!(parts, ["quyet_dinh", "quy_che"]);
    let tasks: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    let lead = "Giám đốc Công ty Tân Cảng - Petro Cam Ranh";
    assert_eq!(tasks, [("Chương I/Điều 2/1".to_string(), lead), ("Chương I/Điều 2/2".to_string(), lead)], "{:#?}", doc.tasks);
}

#[test]
fn a_blank_form_without_recipients_ends_at_the_next_appendix_even_with_a_footnote_mark() {
    let text = "ỦY BAN NHÂN DÂN\nSố: 12/QĐ-UBND\nHà Nội, ngày 1 tháng 1 năm 2025\n\nQUYẾT ĐỊNH\nVề việc ban hành mẫu văn bản\n\n\
        Điều 1. Ban hành kèm theo Quyết định này các mẫu văn bản.\n\nĐiều 2. Quyết định có hiệu lực từ ngày ký.\n\n\
        PHỤ LỤC I\nMẪU THÔNG BÁO\n\nSố: ..../TB-...\n\nTHÔNG BÁO KẾT THÚC VIỆC XỬ LÝ HÀNG HÓA\n\n1. Loại hàng: ..........\n\n\
        Xin thông báo để Quý cơ quan được biết/.\n\n\
        PHỤ LỤC II[23]\nBỔ SUNG MẪU VĂN BẢN ĐỀ NGHỊ\n\n1. Danh sách người ra, vào Cảng.\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Phụ lục I", "Phụ lục II", "Phụ lục II/1"]);
}

/// A resolution of the National Assembly's standing committee (shortened
/// from 1683/NQ-UBTVQH15): its articles assign work to the Government and
/// to the Assembly's own bodies, and it ends with its adoption statement
/// and an unlabelled recipients list.
const STANDING_COMMITTEE_RESOLUTION: &str = "Số: 1683/NQ-UBTVQH15 |\n\nNGHỊ QUYẾT\n\n\
    Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Thái Nguyên năm 2025\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\n\
    Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n\nQUYẾT NGHỊ:\n\n\
    Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Thái Nguyên\n\n\
    1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Vạn Phái và xã Thành Công thành xã mới có tên gọi là xã Thành Công.\n\n\
    Điều 2. Tổ chức thực hiện\n\n\
    1. Giao Chính phủ, căn cứ vào Nghị quyết này và Đề án số 375/ĐA-CP ngày 09 tháng 5 năm 2025 của Chính phủ, tổ chức việc xác định chính xác diện tích tự nhiên của các đơn vị hành chính cấp xã và công bố công khai trước ngày 30 tháng 9 năm 2025.\n\n\
    2. Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Thái Nguyên, trong phạm vi nhiệm vụ, quyền hạn của mình, giám sát việc thực hiện Nghị quyết này.\n\n\
    Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV thông qua ngày 16 tháng 6 năm 2025.\n\n\
    - Chính phủ; - Ban Tổ chức Trung ương; - Kiểm toán nhà nước; - Lưu: HC, PLTP. | (đã ký)\n";

#[test]
fn a_standing_committee_resolution_assigns_the_government_and_the_assemblys_bodies() {
    let doc = parse(STANDING_COMMITTEE_RESOLUTION);
    let leads = task_leads(&doc);
    assert_eq!(
        leads,
        [
            vec!["Chính phủ"],
            // the scope between the agencies and their duty does not hide the duty
            vec!["Hội đồng Dân tộc", "các Ủy ban của Quốc hội", "Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Thái Nguyên"],
        ],
        "tasks: {:?}",
        doc.tasks
    );
    assert_eq!(doc.tasks[0].deadline.as_ref().and_then(|d| d.year), Some(2025));
    // The adoption statement closes the body: it and the recipients after it
    // are not part of the last clause.
    let last = &doc.sections.last().unwrap().children.last().unwrap();
    assert!(last.text.ends_with("giám sát việc thực hiện Nghị quyết này."), "{:?}", last.text);
}

#[test]
fn a_letter_asking_the_company_it_answers_gives_a_task() {
    let text = "CỤC HẢI QUAN\nSố: 37951/CHQ-GSQL\nV/v hướng dẫn thủ tục hải quan\nHà Nội, ngày 24 tháng 11 năm 2025\n\n\
        Kính gửi: Công ty TNHH Hanesbrands Việt Nam\n\n\
        1. Theo quy định tại khoản 2 Điều 1 Quyết định số 18/2019/QĐ-TTg thì khoản này không hướng dẫn đối với máy móc đã qua sử dụng. \
        Đề nghị Công ty nghiên cứu quy định nêu trên để thực hiện và liên hệ với Bộ Khoa học và Công nghệ để được hướng dẫn.\n\n\
        2. Về thủ tục chuyển giao máy móc thiết bị: thực hiện theo khoản 3 Điều 3 Luật số 90/2025/QH15.\n\n\
        Cục Hải quan trả lời để Công ty biết./.\n";
    let doc = parse(text);
    let tasks: Vec<(&str, String)> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.text.chars().take(15).collect())).collect();
    // "Công ty" alone names nobody in a list, but after "Đề nghị" with a verb
    // following it is the company addressed; the closing line is no task.
    assert_eq!(tasks, [("Công ty", "Đề nghị Công ty".to_string())], "{:#?}", doc.tasks);
}

#[test]
fn a_regulation_item_that_only_names_an_agency_hands_it_its_points() {
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 71/2025/QĐ-UBND\nHà Nội, ngày 26 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
        Ban hành Quy chế xét tặng danh hiệu Công dân Thủ đô ưu tú\n\n\
        Điều 1. Ban hành kèm theo Quyết định này Quy chế xét tặng danh hiệu Công dân Thủ đô ưu tú.\n\n\
        Điều 2. Quyết định này có hiệu lực từ ngày 06 tháng 12 năm 2025./.\n\n\
        QUY CHẾ\nXét tặng danh hiệu Công dân Thủ đô ưu tú\n\n\
        Điều 1. Hạ bậc xếp loại\n\n1. Các trường hợp hạ bậc xếp loại:\n\n\
        a) Bị xử lý kỷ luật hình thức khiển trách thì xếp loại thấp hơn một bậc;\n\nb) Bị xử lý kỷ luật hình thức cảnh cáo thì không xếp loại.\n\n\
        Điều 2. Quy trình xét tặng\n\n\
        1. Các cơ quan, đơn vị xem xét, lựa chọn cá nhân tiêu biểu.\n\n\
        2. Sở Nội vụ thành phố Hà Nội:\n\n\
        a) Rà soát, thẩm định hồ sơ, điều kiện, tiêu chuẩn theo quy định;\n\n\
        b) Tổng hợp, trình Chủ tịch Ủy ban nhân dân thành phố Hà Nội quyết định.\n";
    let doc = parse(text);
    let tasks: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    let lead = "Sở Nội vụ thành phố Hà Nội";
    assert_eq!(tasks, [("Điều 2/2/a".to_string(), lead), ("Điều 2/2/b".to_string(), lead)], "{:#?}", doc.tasks);
}

#[test]
fn a_portals_english_translation_after_the_document_is_not_read() {
    // A saved page of a legal portal: the Vietnamese body in one row, then the
    // portal's English translation in the next, then its contact row.
    let text = "Số: 109/2025/TT-BTC | Hà Nội, ngày 18 tháng 11 năm 2025 | THÔNG TƯ QUY ĐỊNH MỨC THU LỆ PHÍ \
        Căn cứ Nghị định số 96/2024/NĐ-CP ngày 24 tháng 7 năm 2024 của Chính phủ; Bộ trưởng Bộ Tài chính ban hành Thông tư. \
        Điều 1. Phạm vi điều chỉnh Thông tư này quy định mức thu lệ phí. Điều 2. Hiệu lực thi hành Thông tư này có hiệu lực từ ngày 01 tháng 01 năm 2026./.\n\
        No. 109/2025/TT-BTC | Hanoi, November 18, 2025 | CIRCULAR CHARGES FOR ISSUANCE OF PRACTICING CERTIFICATES \
        Pursuant to Decree No. 96/2024/ND-CP dated July 24, 2024 of the Government; Article 1. Scope This Circular prescribes charges.\n\
        Địa chỉ: | 17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM | Điện thoại: | (028) 3930 3279\n";
    let doc = parse(text);
    let numbers: Vec<&str> = doc.references.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["96/2024/NĐ-CP"], "{:#?}", doc.references);
}

#[test]
fn an_article_on_entry_into_force_still_assigns_an_urgent_duty_and_counts_past_ninety_nine() {
    // A resolution merging communes lists a hundred and more clauses, and its
    // article on entry into force tells the bodies concerned to prepare.
    let merges: String = (1..=101)
        .map(|n| format!("{n}. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã A{n} và xã B{n} thành xã mới có tên gọi là xã C{n}.\n\n"))
        .collect();
    let text = format!(
        "Số: 1666/NQ-UBTVQH15 |\n\nNGHỊ QUYẾT\n\nVề việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Hưng Yên năm 2025\n\n\
         QUYẾT NGHỊ:\n\nĐiều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Hưng Yên\n\n{merges}\
         Điều 2. Hiệu lực thi hành\n\n1. Nghị quyết này có hiệu lực thi hành từ ngày được thông qua.\n\n\
         2. Các cơ quan theo thẩm quyền khẩn trương thực hiện các công tác chuẩn bị cần thiết, bảo đảm để chính quyền địa phương \
         ở các đơn vị hành chính cấp xã hình thành sau sắp xếp chính thức hoạt động từ ngày 01 tháng 7 năm 2025.\n\n\
         3. Các cơ quan đã khẩn trương rà soát hồ sơ trong tháng 5.\n"
    );
    let doc = parse(&text);
    let mut all = Vec::new();
    paths(&doc.sections, &mut all);
    assert!(all.contains(&"Điều 1/100".to_string()) && all.contains(&"Điều 1/101".to_string()), "{all:?}");
    let tasks: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    // (the account of what was done, "đã khẩn trương", is no task)
    assert_eq!(tasks, [("Điều 2/2".to_string(), "Các cơ quan")], "{:#?}", doc.tasks);
}

#[test]
fn a_request_run_into_its_heading_is_still_a_request() {
    // A saved letter whose item heading lost its line break: "1. Về thuế giá
    // trị gia tăng Đề nghị Thuế tỉnh ...".
    let text = "BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5491/CT-CS\nV/v Chính sách thuế\nHà Nội, ngày 25 tháng 11 năm 2025\n\n\
        Kính gửi: Thuế tỉnh Ninh Bình\n\nCục Thuế có ý kiến như sau:\n\n\
        1. Về thuế giá trị gia tăng Đề nghị Thuế tỉnh Ninh Bình căn cứ quy định nêu trên và hợp đồng ký kết thực tế để xác định khoản tiền thưởng.\n\n\
        2. Về thuế thu nhập doanh nghiệp Khoản chi tiền thưởng nếu thỏa mãn điều kiện thì được trừ. Theo Biểu mẫu Đề nghị cấp phép, hồ sơ gồm hai bản.\n\n\
        Thuế tỉnh Ninh Bình trả lời cho Công ty được biết và thực hiện./.\n";
    let doc = parse(text);
    let tasks: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    // (a form's title "Biểu mẫu Đề nghị cấp phép" asks nobody; the reply's
    // closing line is no task)
    assert_eq!(tasks, [("1".to_string(), "Thuế tỉnh Ninh Bình")], "{:#?}", doc.tasks);
    assert!(doc.tasks[0].text.starts_with("Đề nghị Thuế tỉnh Ninh Bình"), "{:?}", doc.tasks[0].text);
}

#[test]
fn a_regulation_item_naming_an_agency_and_its_duty_phrase_hands_it_its_points() {
    let text = "KIỂM TOÁN NHÀ NƯỚC\nSố: 1760/QĐ-KTNN\nHà Nội, ngày 24 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
        Ban hành Quy định về mẫu thẻ Kiểm toán viên nhà nước\n\n\
        Điều 1. Ban hành kèm theo Quyết định này Quy định về mẫu thẻ Kiểm toán viên nhà nước.\n\n\
        Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\n\
        QUY ĐỊNH\nVề mẫu thẻ Kiểm toán viên nhà nước\n\n\
        Điều 1. Cấp mới, đổi thẻ\n\n1. Hồ sơ cấp mới, đổi thẻ gồm:\n\n\
        a) Đơn xin đổi thẻ;\n\nb) Công văn đề nghị cấp mới, đổi thẻ;\n\nc) Danh sách công chức;\n\n\
        d) 02 ảnh màu chân dung cỡ 25 mm x 30 mm của người đề nghị cấp thẻ.\n\n\
        Điều 2. Quản lý và sử dụng thẻ\n\n\
        1. Tổng Kiểm toán nhà nước thống nhất quản lý thẻ trong hệ thống tổ chức Kiểm toán nhà nước.\n\n\
        2. Vụ Tổ chức cán bộ có trách nhiệm\n\n\
        a) Phối hợp với Vụ Pháp chế thẩm định hồ sơ;\n\nb) Quản lý, sử dụng phôi thẻ;\n\n\
        3. Thủ trưởng các đơn vị trực thuộc Kiểm toán nhà nước có trách nhiệm\n\n\
        a) Xem xét, tổng hợp danh sách, gửi văn bản đề nghị cấp mới thẻ;\n\nb) Thực hiện thu hồi thẻ.\n";
    let doc = parse(text);
    let mut all = Vec::new();
    paths(&doc.sections, &mut all);
    // "d) 02 ảnh": a point may open with a figure after its bracket
    assert!(all.contains(&"Điều 1/1/d".to_string()), "{all:?}");
    let tasks: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    let (unit, heads) = ("Vụ Tổ chức cán bộ", "Thủ trưởng các đơn vị trực thuộc Kiểm toán nhà nước");
    assert_eq!(
        tasks,
        [
            ("Điều 2/2/a".to_string(), unit),
            ("Điều 2/2/b".to_string(), unit),
            ("Điều 2/3/a".to_string(), heads),
            ("Điều 2/3/b".to_string(), heads),
        ],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn a_paragraph_that_hands_out_a_duty_goes_on_handing_them_out() {
    // An untitled article run into one paragraph: the last sentence names its
    // agency and verb without "có trách nhiệm". A sentence cut by a page
    // break into the next paragraph is not read as a duty of its own.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 2770/QĐ-UBND\nĐồng Nai, ngày 18 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
        Về việc công bố danh mục thủ tục hành chính lĩnh vực chứng thực\n\n\
        Điều 1. Công bố kèm theo Quyết định này 12 thủ tục hành chính.\n\n\
        Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n\
        Điều 3. Sở Tư pháp có trách nhiệm tổ chức niêm yết, công khai các thủ tục hành chính. \
        Sở Tư pháp thực hiện nộp hồ sơ dịch vụ công trực tuyến, cung cấp mã số hồ sơ kiểm thử. \
        Giao Văn phòng Ủy ban nhân dân tỉnh, các Tổ công tác\n\n\
        Sở Khoa học và Công nghệ giám sát việc thực hiện.\n";
    let doc = parse(text);
    let tasks: Vec<(&str, String)> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.text.chars().take(20).collect())).collect();
    assert_eq!(
        tasks,
        [
            ("Sở Tư pháp", "Sở Tư pháp có trách ".to_string()),
            ("Sở Tư pháp", "Sở Tư pháp thực hiện".to_string()),
            ("Văn phòng Ủy ban nhân dân tỉnh", "Giao Văn phòng Ủy ba".to_string()),
        ],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn a_group_row_inside_a_table_is_not_a_section() {
    // A procedure list whose merged group rows came out as lines of their own;
    // a heading before the next table's header row stays a section.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 2770/QĐ-UBND\nĐồng Nai, ngày 18 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
        Về việc công bố danh mục thủ tục hành chính\n\n\
        Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n\
        Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n\
        PHỤ LỤC\n\nI. DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n\
        STT | Mã TTHC | Tên thủ tục hành chính | Thời hạn giải quyết\n\
        A. THỦ TỤC HÀNH CHÍNH ÁP DỤNG CHUNG\n\
        1 | 2.000908 | Cấp bản sao từ sổ gốc | Trong ngày\n\
        2 | 2.000815 | Chứng thực bản sao từ bản chính | Trong ngày\n\
        B. THỦ TỤC HÀNH CHÍNH CẤP XÃ\n\
        1 | 2.001035 | Chứng thực giao dịch liên quan đến tài sản | 02 ngày làm việc\n\n\
        II. PHÍ, LỆ PHÍ\n\n\
        STT | Nội dung | Mức thu\n\
        1 | Chứng thực bản sao | 2.000 đồng/trang\n";
    let doc = parse(text);
    let mut all = Vec::new();
    paths(&doc.sections, &mut all);
    assert!(!all.iter().any(|p| p.ends_with("/A") || p.ends_with("/B")), "{all:?}");
    assert!(all.iter().any(|p| p.ends_with("/II")), "{all:?}");
}

#[test]
fn rows_a_pdf_ran_into_one_give_a_target_each() {
    // "Sắn - Diện tích - Sản lượng | Ha Tấn | 43.114 526.420 | ...": the area
    // and the yield rows share every cell, one figure over the other.
    let text = format!(
        "{PLAN_HEADER}PHỤ LỤC 01\n\nTT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 |  |  | GIAI ĐOẠN 2026 - 2027 |  | \n\
         Năm 2026 | Năm 2027 | I | CÂY CÔNG NGHIỆP |  |  | \n\
          |  |  | 2 Chè - Diện tích |  | Ha | 6.132 | 6.500 | 6.700\n\
          |  |  | 3 Sắn - Diện tích - Sản lượng |  | Ha Tấn | 43.114 526.420 | 43.600 540.640 | 43.800 551.880\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>, &str)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.year, t.indicator.as_str())).collect();
    assert_eq!(
        got,
        [
            (6500.0, "Ha", Some(2026), "2 Chè - Diện tích"),
            (6700.0, "Ha", Some(2027), "2 Chè - Diện tích"),
            (43600.0, "Ha", Some(2026), "Diện tích"),
            (540640.0, "Tấn", Some(2026), "Sản lượng"),
            (43800.0, "Ha", Some(2027), "Diện tích"),
            (551880.0, "Tấn", Some(2027), "Sản lượng"),
        ],
        "{:#?}",
        doc.targets
    );
    // Each target points at its own figure within the shared cell.
    let t = &doc.targets[3];
    assert!(t.text.contains("540.640") && t.span.end - t.span.start >= "540.640".len(), "{t:?}");
}

#[test]
fn a_service_provider_named_up_to_its_duty_phrase_is_the_lead() {
    // "cung cấp" reads like a verb, but here it is part of the name.
    let text = "BỘ XÂY DỰNG\nSố: 35/2025/TT-BXD\nHà Nội, ngày 21 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định cơ chế quản lý giá dịch vụ đăng kiểm tàu biển\n\n\
        Điều 1. Phạm vi điều chỉnh\n\nThông tư này quy định cơ chế quản lý giá dịch vụ đăng kiểm tàu biển.\n\n\
        Điều 2. Trách nhiệm thi hành\n\n1. Cục Đăng kiểm Việt Nam có trách nhiệm tổ chức triển khai thực hiện Thông tư này.\n\n\
        2. Đơn vị cung cấp dịch vụ đăng kiểm có trách nhiệm kê khai, niêm yết, công khai thông tin về giá dịch vụ.\n";
    let doc = parse(text);
    let leads: Vec<&str> = doc.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["Cục Đăng kiểm Việt Nam", "Đơn vị cung cấp dịch vụ đăng kiểm"], "{:#?}", doc.tasks);
}

#[test]
fn numbers_cited_after_so_a_dotted_symbol_and_a_title_in_capitals_are_read_once_each() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 1628/QĐ-UBND\nQuảng Ngãi, ngày 21 tháng 11 năm 2025\n\n\
        KẾ HOẠCH\nTHỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ\n\n\
        Thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ; \
        Căn cứ các Quyết định của Ủy ban nhân dân tỉnh: Số 44/2022/QĐ-UBND ngày 24 tháng 11 năm 2022; \
        Công văn số 838/CCTKV.XII-NVDTPC.HUE ngày 10/11/2025 của Thuế cơ sở.\n\n\
        I. MỤC ĐÍCH\n\nTriển khai thực hiện.\n\n\
        FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN | Quyết định 1349/QĐ-UBND năm 2025 phê duyệt quy trình\n";
    let doc = parse(text);
    let numbers: Vec<&str> = doc.references.iter().map(|r| r.number.as_str()).collect();
    // (the header's own "Số: 1628/QĐ-UBND" is no citation; the portal's list
    // of related documents after the body is not read)
    assert_eq!(numbers, ["27/CT-TTg", "44/2022/QĐ-UBND", "838/CCTKV.XII-NVDTPC.HUE"], "{:#?}", doc.references);
    assert_eq!(doc.references[0].mentions.len(), 2);
}

/// Paths of the numbered sections, list items ("-", "(1)") left out.
fn numbered_paths(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        if s.style != "bullet" {
            out.push(s.path.join("/"));
        }
        numbered_paths(&s.children, out);
    }
}

/// A decision publishing internal procedures, as the ministries write them:
/// the appendices named in Điều 1, a procedure whose steps restart their
/// numbering, the fields listing who handles it, and an outline to fill in.
const PROCEDURE_DECISION: &str = "BỘ XÂY DỰNG\nSố: 2109/QĐ-BXD\nHà Nội, ngày 25 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
    Về việc công bố thủ tục hành chính nội bộ trong lĩnh vực nhà ở\n\n\
    Căn cứ Thông tư số 49/2025TT-BCT ngày 01 tháng 8 năm 2025 của Bộ trưởng Bộ Công Thương;\n\nQUYẾT ĐỊNH:\n\n\
    Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính nội bộ, cụ thể:\n\n\
    Phụ lục 1: Nội dung thủ tục hành chính nội bộ được sửa đổi, bổ sung.\n\n\
    Phụ lục 2: Danh mục thủ tục hành chính nội bộ bị bãi bỏ.\n\n\
    Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n\
    Điều 3. Chánh Văn phòng Bộ, Cục trưởng Cục Quản lý nhà chịu trách nhiệm thi hành Quyết định này./.\n\n\
    Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\n\
    PHỤ LỤC 1\nNỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH NỘI BỘ\n\n\
    1. Thủ tục xây dựng chương trình phát triển nhà ở cấp tỉnh\n\n\
    - Trình tự thực hiện:\n\nBước 2: Cán bộ kiểm tra hồ sơ và thông báo một trong các kết quả sau:\n\n\
    1. Chấp nhận hồ sơ;\n\n2. Đề nghị bổ sung hồ sơ.\n\n\
    - Cơ quan giải quyết:\n\n\
    + Bộ trưởng Bộ Xây dựng: đối với dự án thuộc thẩm quyền quyết định của Bộ trưởng Bộ Xây dựng;\n\n\
    + Ủy ban nhân dân cấp tỉnh: đối với dự án còn lại.\n\n\
    - Tên mẫu đơn, mẫu tờ khai: Đề cương xây dựng chương trình phát triển nhà ở cấp tỉnh.\n\n\
    Mẫu:\n\nĐề cương xây dựng chương trình phát triển nhà ở cấp tỉnh\n\n\
    CHƯƠNG I: HIỆN TRẠNG NHÀ Ở TRÊN ĐỊA BÀN TỈNH\n\nI. Phân tích hiện trạng nhà ở trên địa bàn tỉnh\n\n\
    1. Hiện trạng về diện tích nhà ở.\n\n2. Hiện trạng nhà ở của cá nhân tự xây dựng.\n\n\
    CHƯƠNG II: TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của Ủy ban nhân dân các cấp.\n\n2. Trách nhiệm của các sở, ban, ngành.\n\n\
    2. Thủ tục điều chỉnh chương trình phát triển nhà ở cấp tỉnh\n\n- Cách thức thực hiện: nộp hồ sơ trực tiếp.\n\n\
    3. Thủ tục xây dựng kế hoạch phát triển nhà ở cấp tỉnh\n\n- Cách thức thực hiện: nộp hồ sơ trực tiếp.\n";

#[test]
fn a_procedure_decision_keeps_its_own_numbering_past_restarted_steps_and_an_attached_outline() {
    let doc = parse(PROCEDURE_DECISION);
    let mut got = Vec::new();
    numbered_paths(&doc.sections, &mut got);
    // "Phụ lục 1: ..." in Điều 1 names the appendix, which comes after the
    // signature; the steps' "1.", "2." restart under the procedure's "1.";
    // the outline's chapters and items are the form's, and the procedures
    // after it ("2.", "3.") are the document's again.
    assert_eq!(
        got,
        ["Điều 1", "Điều 2", "Điều 3", "Phụ lục 1", "Phụ lục 1/1", "Phụ lục 1/1/1", "Phụ lục 1/1/2", "Phụ lục 1/2", "Phụ lục 1/3"],
        "{got:?}"
    );
    // Who handles the procedure is not assigned work, nor are the duties
    // the outline leaves to be written.
    assert!(doc.tasks.is_empty(), "{:#?}", doc.tasks);
    // A year run into the symbol is still a citation, kept as written.
    assert!(doc.references.iter().any(|r| r.number == "49/2025TT-BCT"), "{:#?}", doc.references);
}

#[test]
fn parenthesised_numbers_are_list_items_that_add_nothing_to_paths() {
    let text = format!(
        "{PLAN_HEADER}I. NHIỆM VỤ\n\n1. Hồ sơ gồm:\n\n(1) Tờ trình của Sở Nội vụ;\n\n(2) Báo cáo thẩm định.\n\n\
         a) Nộp trực tiếp.\n\n2. Thời hạn giải quyết: 15 ngày.\n"
    );
    let doc = parse(&text);
    let mut got = Vec::new();
    numbered_paths(&doc.sections, &mut got);
    assert_eq!(got, ["I", "I/1", "I/1/a", "I/2"], "{got:?}");
    let mut all = Vec::new();
    paths(&doc.sections, &mut all);
    assert_eq!(all.iter().filter(|p| p.as_str() == "I/1").count(), 3, "the (1) and (2) items are still in the tree: {all:?}");
}

#[test]
fn an_organisation_named_before_its_duty_is_a_lead_but_the_verb_to_organise_is_not() {
    let text = "BỘ XÂY DỰNG\nSố: 36/2025/TT-BXD\nHà Nội, ngày 21 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định cơ chế quản lý giá dịch vụ kiểm định thiết bị\n\n\
        Điều 1. Phạm vi điều chỉnh\n\nThông tư này quy định giá dịch vụ kiểm định.\n\n\
        Điều 2. Trách nhiệm thi hành\n\n1. Cục Đăng kiểm Việt Nam có trách nhiệm:\n\n\
        a) Tổ chức triển khai thực hiện Thông tư này.\n\nb) Tiếp nhận văn bản kê khai giá.\n\n\
        2. Tổ chức kiểm định có trách nhiệm kê khai, niêm yết, công khai thông tin về giá dịch vụ kiểm định.\n";
    let doc = parse(text);
    let leads: Vec<&str> = doc.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["Cục Đăng kiểm Việt Nam", "Cục Đăng kiểm Việt Nam", "Tổ chức kiểm định"], "{:#?}", doc.tasks);
}

/// A tax office's reply, as the letters answering provinces are written: the
/// request follows a connective ("Do vậy,", "... nên đề nghị"), and a request
/// for when problems arise is only the reply's closing formula.
const REPLY_LETTER: &str = "BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5467/CT-CS\nV/v chính sách tiền thuê đất\nHà Nội, ngày 24 tháng 11 năm 2025\n\n\
    Kính gửi: Thuế tỉnh Gia Lai.\n\n\
    Cục Thuế nhận được công văn số 286/GLA-CNTK của Thuế tỉnh Gia Lai. Về vấn đề này, Cục Thuế có ý kiến như sau:\n\n\
    Căn cứ Nghị định số 103/2024/NĐ-CP của Chính phủ quy định về tiền sử dụng đất, tiền thuê đất.\n\n\
    Do vậy, đề nghị Thuế tỉnh Gia Lai căn cứ các quy định nêu trên và hồ sơ cụ thể để thực hiện theo quy định của pháp luật.\n\n\
    Trường hợp phát sinh vướng mắc về đơn giá thuê đất, đề nghị Thuế tỉnh Gia Lai báo cáo UBND tỉnh có công văn gửi Bộ Tài chính để tổng hợp.\n\n\
    Đồng thời, vướng mắc của Công ty liên quan đến quy định tại Nghị định số 60/2014/NĐ-CP nên đề nghị Công ty liên hệ với Bộ Khoa học và Công nghệ, \
    Bộ Công Thương để được hướng dẫn theo thẩm quyền.\n\n\
    Cục Thuế trả lời để Thuế tỉnh Gia Lai biết./.\n";

#[test]
fn a_reply_asks_after_a_connective_but_not_in_its_closing_formula() {
    let doc = parse(REPLY_LETTER);
    let got: Vec<(String, String)> = doc.tasks.iter().map(|t| (t.lead.join("; "), t.text.chars().take(10).collect())).collect();
    let want = [("Thuế tỉnh Gia Lai", "Do vậy, đề"), ("Công ty", "Đồng thời,")].map(|(l, t)| (l.to_string(), t.to_string()));
    assert_eq!(got, want, "{:#?}", doc.tasks);
}

/// A decision whose list of procedures follows the signature under a title
/// and its note, with no "PHỤ LỤC" label: its lettered parts are sections;
/// a numbered row's long description, a group row between the header and
/// the data rows, and a form's note left blank are not.
const LIST_DECISION: &str = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 2817/QĐ-UBND\nThành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025\n\n\
    QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\n\n\
    Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ;\n\nQUYẾT ĐỊNH:\n\n\
    Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n\
    Điều 2. Giao Sở Khoa học và Công nghệ rà soát, đánh giá tiêu chí.\n\n\
    Điều 3. Chánh Văn phòng Ủy ban nhân dân Thành phố chịu trách nhiệm thi hành Quyết định này./.\n\n\
    KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Mạnh Cường\n\n\
    DANH MỤC\nTHỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH LĨNH VỰC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ\n\
    (Ban hành kèm theo Quyết định số 2817/QĐ-UBND ngày 19 tháng 11 năm 2025 của Chủ tịch Ủy ban nhân dân Thành phố)\n\n\
    A. Danh mục thủ tục hành chính mới ban hành\n\n\
    TT | Tên thủ tục hành chính | Nội dung\n\
    1 | Thủ tục công nhận trung tâm đổi mới sáng tạo | {DETAILS}\n\n\
    B. Danh mục thủ tục hành chính bị bãi bỏ\n\n\
    TT | Tên thủ tục hành chính | Căn cứ pháp lý\n\
    I. Lĩnh vực hoạt động khoa học\n\
    1 | Thủ tục công nhận tổ chức khoa học | Quyết định số 3578/QĐ-BKHCN\n\n\
    Mẫu số 01\n\nBÁO CÁO KẾT QUẢ\n(Kèm theo Tờ trình số …. ngày …. của Sở Khoa học và Công nghệ)\n\n\
    I. TÌNH HÌNH THỰC HIỆN\n\n- Kết quả đạt 100% kế hoạch.\n";

#[test]
fn an_attachment_without_an_appendix_label_has_its_own_sections() {
    let details = "1. Trình tự thực hiện: - Bước 1: Tổ chức nộp hồ sơ đến Bộ phận một cửa. a) Hồ sơ gồm đơn đề nghị. \
                   - Trong thời hạn 05 ngày làm việc Ủy ban nhân dân Thành phố trả lời tổ chức về tính hợp lệ của hồ sơ. "
        .repeat(12);
    let doc = parse(&LIST_DECISION.replace("{DETAILS}", &details));
    let mut got = Vec::new();
    numbered_paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 3", "A", "B"], "{got:?}");
    let leads: Vec<&str> = doc.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["Sở Khoa học và Công nghệ"], "{:#?}", doc.tasks);
    assert!(doc.targets.is_empty(), "{:#?}", doc.targets);
}

#[test]
fn a_saved_page_that_lost_the_stop_before_the_next_article_still_opens_it() {
    // The whole body in one layout row, as legal-document sites save it.
    let body = format!(
        "QUYẾT ĐỊNH CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH # CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {} # QUYẾT ĐỊNH: \
         Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính. \
         Điều 2. Giao Sở Y tế thực hiện theo quy định tại Điều 3. Các thủ tục được công khai. \
         Điều 3. Quyết định này thay thế Quyết định số 1740/QĐ-UBND ngày 30/6/2025 của Chủ tịch UBND tỉnh \
         Điều 4. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.",
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính; ".repeat(25)
    );
    let text = format!("Số: 3005/QĐ-UBND | Hà Tĩnh, ngày 01 tháng 12 năm 2025 | {body} | KT. CHỦ TỊCH PHÓ CHỦ TỊCH\n");
    let doc = parse(&text);
    let mut got = Vec::new();
    numbered_paths(&doc.sections, &mut got);
    // "tại Điều 3." cites the article; "tỉnh Điều 4." opens the next one.
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 3", "Điều 4"], "{got:?}");
}

#[test]
fn a_time_limit_counted_from_the_document_s_issue_is_dated_from_its_date() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 1509/QĐ-UBND\nBắc Ninh, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
        Công bố danh mục thủ tục hành chính nội bộ\n\nQUYẾT ĐỊNH:\n\n\
        Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính nội bộ.\n\n\
        Điều 2. Tổ chức thực hiện\n\n\
        1. Giao Sở Dân tộc và Tôn giáo công khai Quyết định này chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.\n\n\
        2. Giao Sở Nội vụ ban hành quy chế phối hợp trong thời hạn 60 ngày kể từ ngày Quyết định này được ban hành.\n\n\
        3. Giao Trung tâm Phục vụ hành chính công trả kết quả trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ.\n";
    let doc = parse(text);
    let got: Vec<(&str, Option<&str>)> =
        doc.tasks.iter().filter_map(|t| t.deadline.as_ref()).map(|d| (d.text.as_str(), d.by.as_deref())).collect();
    assert_eq!(
        got,
        [
            // Thursday 20 November, then five working days past a weekend.
            ("chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định", Some("2025-11-27")),
            ("trong thời hạn 60 ngày kể từ ngày Quyết định này được ban hành", Some("2026-01-19")),
            // Counted from an event with no date: the limit, undated.
            ("trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ", None),
        ],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn a_procedure_glued_after_the_last_row_of_a_list_has_its_sections() {
    // A saved page's converter appended what follows the list table to its
    // last row, in cells past the table's width.
    let steps = "- Bước 1: Chuyên viên trực tại Trung tâm Phục vụ hành chính công tỉnh tiếp nhận, kiểm tra hồ sơ, \
                 chuyển hồ sơ về Sở Văn hóa, Thể thao và Du lịch để xử lý hồ sơ: 0,25 ngày làm việc. "
        .repeat(10);
    let text = format!(
        "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 01763/QĐ-UBND\nCà Mau, ngày 18 tháng 11 năm 2025\n\n\
         QUYẾT ĐỊNH\nCông bố danh mục thủ tục hành chính mới ban hành\n\nQUYẾT ĐỊNH:\n\n\
         Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n\
         Điều 2. Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp Trung tâm Phục vụ hành chính công tỉnh cập nhật quy trình.\n\n\
         Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.\n\n\
         KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Minh Luân\n\n\
         DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH\n(Kèm theo Quyết định số: 01763/QĐ-UBND ngày 18/11/2025 của Chủ tịch Ủy ban nhân dân tỉnh Cà Mau)\n\n\
         STT | Mã số TTHC | Tên thủ tục hành chính | Thời hạn giải quyết\n\
         01 | 1.014464. H12 | Thủ tục cấp giấy chứng nhận lưu hành tự do | Trong thời hạn 02 ngày làm việc\n\
         02 | 1.014465. H12 | Thủ tục cấp lại giấy chứng nhận lưu hành tự do | Trong thời hạn 02 ngày làm việc | \
         Tổng số: 02 TTHC./. QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH LĨNH VỰC BÁO CHÍ, XUẤT BẢN \
         (Kèm theo Quyết định số: 01763/QĐ-UBND ngày 18/11/2025 của Chủ tịch Ủy ban nhân dân tỉnh Cà Mau) Nhóm 2 thủ tục: \
         1. Thủ tục cấp giấy chứng nhận lưu hành tự do (Mã TTHC: 1.014464.H12) 2. Thủ tục cấp lại giấy chứng nhận lưu hành tự do (Mã TTHC: 1.014465.H12) \
         a) Thời gian giải quyết: Trong thời hạn 02 ngày làm việc (cắt giảm 01/03 ngày làm việc, tỷ lệ 33,33%) kể từ ngày nhận đủ hồ sơ hợp lệ. \
         b) Quy trình giải quyết tại Sở Văn hóa, Thể thao và Du lịch: {steps}\
         c) Quy trình giải quyết tại Văn phòng Ủy ban nhân dân tỉnh: - Bước 1: Văn phòng tiếp nhận, kiểm tra hồ sơ. | \
         NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN Văn bản bị thay thế Văn bản thay thế Chú thích Chú thích: * Rà chuột vào nội dụng văn bản để sử dụng.\n"
    );
    let doc = parse(&text);
    let mut got = Vec::new();
    numbered_paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 3", "1", "2", "2/a", "2/b", "2/c"], "{got:?}");
    // The site's legend ("* Rà chuột ...") is no bullet of the procedure.
    let mut all = Vec::new();
    paths(&doc.sections, &mut all);
    assert_eq!(all.len(), got.len() + 11, "{all:?}");
    // A processing time that was cut is no goal.
    assert!(doc.targets.is_empty(), "{:#?}", doc.targets);
}

#[test]
fn taking_responsibility_for_a_duty_leads_it_but_answering_for_content_does_not() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 2698/QĐ-UBND\nGia Lai, ngày 21 tháng 11 năm 2025\n\n\
        QUYẾT ĐỊNH\nCông bố danh mục thủ tục hành chính\n\nQUYẾT ĐỊNH:\n\n\
        Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n\
        Điều 2. Sở Công Thương chịu trách nhiệm chủ trì, phối hợp với các cơ quan, đơn vị liên quan xây dựng dự thảo quy trình nội bộ.\n\n\
        Điều 3. Sở Tài chính chịu trách nhiệm về nội dung giải trình, tiếp thu.\n\n\
        Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này./.\n";
    let doc = parse(text);
    let got: Vec<(&str, &[String])> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.support.as_slice())).collect();
    assert_eq!(got, [("Sở Công Thương", &["các cơ quan, đơn vị liên quan".to_string()][..])], "{:#?}", doc.tasks);
}

#[test]
fn an_appendix_title_that_kept_its_heading_marks_in_the_signature_row_is_an_appendix() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 2709/QĐ-UBND\nQuảng Trị, ngày 18 tháng 11 năm 2025\n\n\
        QUYẾT ĐỊNH\nCông bố danh mục thủ tục hành chính\n\nQUYẾT ĐỊNH:\n\n\
        Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n\
        Điều 2. Sở Tài chính có trách nhiệm tổ chức xây dựng quy trình nội bộ.\n\n\
        Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.\n\n\
        KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Nam | # # PHỤ LỤC DANH MỤC THỦ TỤC HÀNH CHÍNH SỬA ĐỔI, BỔ SUNG (Kèm theo Quyết định số 2709/QĐ-UBND) | STT | Tên thủ tục hành chính | Thời hạn giải quyết\n\
        1 | Xác nhận chuyên gia cấp tỉnh | 15 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 3", "Phụ lục"], "{got:?}");
}

/// A due day without a year ("trước ngày 15/12 hằng năm", the usual
/// reporting duty) is kept as a day of a month: with its recurrence, or
/// after a dated step, in that step's year.
#[test]
fn a_yearly_due_day_is_a_deadline_of_its_recurrence() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Nội vụ chủ trì tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.\n\n\
         2. Sở Tài chính hoàn thành việc rà soát trước ngày 30/11/2025, báo cáo kết quả trước ngày 05/01.\n\n\
         3. Sở Y tế tổ chức các hoạt động chào mừng ngày 27/02.\n"
    );
    let doc = parse(&text);
    let got: Vec<_> = doc
        .tasks
        .iter()
        .map(|t| t.deadline.as_ref().map(|d| (d.month, d.day, d.recurrence.as_deref(), d.by.as_deref())))
        .collect();
    assert_eq!(
        got,
        [Some((Some(12), Some(15), Some("annual"), None)), Some((Some(1), Some(5), None, Some("2026-01-05"))), None],
        "{:#?}",
        doc.tasks
    );
}

/// Supporting agencies after "phối hợp chặt chẽ với", a lower-case list of
/// the central bodies, and a group that keeps its "có liên quan".
#[test]
fn supporting_lists_are_read_past_manner_words_and_in_lower_case() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Công Thương\n\n\
         - Phối hợp chặt chẽ với Sở Y tế trong quá trình thực hiện thủ tục hành chính.\n\n\
         - Chủ trì, phối hợp với sở, ban, ngành, Ủy ban nhân dân xã, phường tăng cường kiểm tra thị trường.\n\n\
         2. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp tỉnh rà soát quy hoạch.\n\n\
         3. Sở Xây dựng chủ trì, phối hợp với Bộ Xây dựng và các sở, ban, ngành, địa phương có liên quan triển khai Đề án.\n"
    );
    let doc = parse(&text);
    let support: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.support.clone()).collect();
    let v = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        support,
        [
            v(&["Sở Y tế"]),
            v(&["sở, ban, ngành", "Ủy ban nhân dân xã, phường"]),
            v(&["các bộ, cơ quan ngang bộ", "Ủy ban nhân dân cấp tỉnh"]),
            v(&["Bộ Xây dựng", "các sở, ban, ngành, địa phương có liên quan"]),
        ],
        "{:#?}",
        doc.tasks
    );
}

/// Partners named by their kind count only in a support list; "chủ trì
/// cùng" names partners as "phối hợp với" does; a merged party board and
/// "các ngành, các cấp" stay whole; a line that introduces an agency's
/// points ("Chủ trì, phối hợp với ...:") gives its partners to every point.
#[test]
fn partners_by_kind_and_introducing_lines_give_the_supporting_agencies() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Khoa học và Công nghệ chủ trì, phối hợp với doanh nghiệp, viện nghiên cứu, trường đại học tổ chức đào tạo nhân lực.\n\n\
         2. Công an tỉnh chủ trì, phối hợp các lực lượng và UBND các xã, phường huy động phương tiện cứu hộ.\n\n\
         3. Sở Tài chính chủ trì cùng Sở Xây dựng và các sở, ngành liên quan rà soát chi phí.\n\n\
         4. Sở Nội vụ chủ trì, phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy, các ngành, các cấp tuyên truyền kết quả.\n\n\
         5. Sở Công Thương\n\n\
         Chủ trì, phối hợp với các sở, ngành, UBND các xã, phường tham mưu UBND tỉnh:\n\n\
         - Triển khai chính sách hỗ trợ doanh nghiệp.\n\n\
         - Xây dựng nhãn hiệu sản phẩm chủ lực.\n\n\
         6. Khuyến khích doanh nghiệp đầu tư hạ tầng số.\n"
    );
    let doc = parse(&text);
    assert_eq!(
        task_roles(&doc),
        [
            (vec!["Sở Khoa học và Công nghệ"], vec!["doanh nghiệp", "viện nghiên cứu", "trường đại học"]),
            (vec!["Công an tỉnh"], vec!["các lực lượng", "UBND các xã, phường"]),
            (vec!["Sở Tài chính"], vec!["Sở Xây dựng", "các sở, ngành liên quan"]),
            (vec!["Sở Nội vụ"], vec!["Ban Tuyên giáo và Dân vận Tỉnh ủy", "các ngành, các cấp"]),
            (vec!["Sở Công Thương"], vec!["các sở, ngành", "UBND các xã, phường"]),
            (vec!["Sở Công Thương"], vec!["các sở, ngành", "UBND các xã, phường"]),
        ],
        "{:#?}",
        doc.tasks
    );
}

/// "các đơn vị:" only announces the agencies after it, an aside in
/// parentheses does not end a list, and "của tỉnh" stays with its group.
#[test]
fn a_group_before_a_colon_an_aside_and_whose_offices_do_not_cut_a_list_of_agencies() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Giao Sở Y tế chủ trì, phối hợp với các đơn vị: Văn phòng UBND tỉnh (Trung tâm Công báo - Tin học) và các cơ quan, đơn vị liên quan triển khai.\n\n\
         2. Sở Tài chính (cơ quan thường trực), Sở Nội vụ chủ trì, phối hợp với các Sở, ban, ngành của tỉnh; Ủy ban nhân dân các xã, phường kiểm tra.\n"
    );
    let doc = parse(&text);
    assert_eq!(
        task_roles(&doc),
        [
            (vec!["Sở Y tế"], vec!["Văn phòng UBND tỉnh", "các cơ quan, đơn vị liên quan"]),
            (vec!["Sở Tài chính", "Sở Nội vụ"], vec!["các Sở, ban, ngành của tỉnh", "Ủy ban nhân dân các xã, phường"]),
        ],
        "{:#?}",
        doc.tasks
    );
}

/// A sentence whose subject is the time limit ("Thời hạn hoàn thành chậm
/// nhất ...", no colon) after a duty is its deadline, counted from the
/// document's date; a sentence about time in general is not.
#[test]
fn a_time_limit_said_as_a_sentence_after_a_duty_is_its_deadline() {
    let text = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 12/QĐ-UBND\nBắc Ninh, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố danh mục\n\n\
        Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\n\n\
        Điều 2. Sở Dân tộc và Tôn giáo có trách nhiệm công khai Quyết định này trên Cổng Thông tin điện tử tỉnh. \
        Thời hạn hoàn thành chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.\n\n\
        Điều 3. Sở Nội vụ có trách nhiệm rà soát danh mục. Thời gian qua, việc rà soát còn chậm.\n";
    let doc = parse(text);
    let got: Vec<(&str, Option<&str>)> =
        doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.deadline.as_ref().and_then(|d| d.by.as_deref()))).collect();
    assert_eq!(got, [("Sở Dân tộc và Tôn giáo", Some("2025-11-27")), ("Sở Nội vụ", None)], "{:#?}", doc.tasks);
}

/// The paragraph going on after a duty without a subject of its own says
/// when ("Định kỳ gửi báo cáo trước ngày 15/11 hằng năm"); a verb such as
/// "xem xét" ends the partner's name before it.
#[test]
fn a_paragraph_going_on_after_a_duty_gives_its_time_limit() {
    let text = format!(
        "{PLAN_HEADER}VII. CHẾ ĐỘ BÁO CÁO\n\n\
         1. Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan xem xét, xử lý theo quy định. \
         Đối với nội dung vượt thẩm quyền, báo cáo cấp có thẩm quyền trước ngày 25 tháng 12 năm 2025.\n\n\
         2. Các sở, ban, ngành có trách nhiệm tổ chức thực hiện Kế hoạch. Định kỳ gửi báo cáo kết quả thực hiện trước ngày 15/11 hằng năm.\n\n\
         3. Sở Nội vụ có trách nhiệm theo dõi việc thực hiện.\n\nNăm 2024, tỉnh đã hoàn thành 90% kế hoạch.\n"
    );
    let doc = parse(&text);
    // (lead, support, due day, recurrence) of each task
    let got: Vec<String> = doc
        .tasks
        .iter()
        .map(|t| {
            let d = t.deadline.as_ref();
            format!("{} | {:?} | {:?} | {:?}", t.lead[0], t.support, d.and_then(|d| d.by.as_deref()), d.and_then(|d| d.recurrence.as_deref()))
        })
        .collect();
    assert_eq!(
        got,
        [
            r#"Sở Tài chính | ["các cơ quan liên quan"] | Some("2025-12-25") | None"#,
            r#"Các sở, ban, ngành | [] | None | Some("annual")"#,
            r#"Sở Nội vụ | [] | None | None"#,
        ],
        "{:#?}",
        doc.tasks
    );
}

/// The period of a cited plan ("Quy hoạch chung ... đến năm 2045, tầm nhìn
/// đến năm 2065") is its name, not the duty's time limit.
#[test]
fn a_cited_plans_period_before_its_horizon_is_no_deadline() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Xây dựng chủ trì triển khai phương án phù hợp với Quyết định số 1668/QĐ-TTg ngày 27/12/2024 về việc phê duyệt \
         điều chỉnh Quy hoạch chung Thủ đô Hà Nội đến năm 2045, tầm nhìn đến năm 2065.\n\n\
         2. Sở Tài chính chủ trì rà soát các dự án, hoàn thành đến năm 2027.\n"
    );
    let doc = parse(&text);
    let years: Vec<Option<i32>> = doc.tasks.iter().map(|t| t.deadline.as_ref().and_then(|d| d.year)).collect();
    assert_eq!(years, [None, Some(2027)], "{:#?}", doc.tasks);
}

/// A council resolution's closing formula hands oversight to its standing
/// committee, its boards and its delegations, in either of the ways councils
/// write the last.
#[test]
fn a_councils_delegations_lead_the_oversight_of_its_resolution() {
    let text = "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSố: 58/2025/NQ-HĐND\nHà Nội, ngày 20 tháng 11 năm 2025\n\nNGHỊ QUYẾT\nQuy định mức thu học phí\n\n\
        Điều 1. Quy định mức thu học phí năm học 2025-2026.\n\n\
        Điều 2. Tổ chức thực hiện\n\n\
        1. Giao Ủy ban nhân dân Thành phố tổ chức thực hiện Nghị quyết.\n\n\
        2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân Thành phố giám sát việc thực hiện Nghị quyết.\n\n\
        3. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu, đại biểu Hội đồng nhân dân Thành phố giám sát việc thu học phí.\n";
    let doc = parse(text);
    let leads: Vec<Vec<String>> = doc.tasks.iter().map(|t| t.lead.clone()).collect();
    let v = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        leads,
        [
            v(&["Ủy ban nhân dân Thành phố"]),
            v(&["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân", "các Tổ đại biểu và đại biểu Hội đồng nhân dân Thành phố"]),
            v(&["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân", "các Tổ đại biểu, đại biểu Hội đồng nhân dân Thành phố"]),
        ],
        "{:#?}",
        doc.tasks
    );
}

/// A run of dates close together is a list, not one timeline: no goal in it
/// carries every other date as a milestone (a mutated text of 3 700 such
/// goals made 4 GB of JSON before).
#[test]
fn a_long_run_of_dated_goals_keeps_each_timeline_short() {
    let goals = format!("Đến năm 2015, {}hồ sơ được giải quyết đúng hạn.", "100% Đến năm 2015, ".repeat(60));
    let text = format!("{PLAN_HEADER}I. MỤC TIÊU\n\n1. Mục tiêu cụ thể\n\n{goals}\n");
    let doc = parse(&text);
    assert!(doc.targets.len() >= 50, "{}", doc.targets.len());
    let longest = doc.targets.iter().filter_map(|t| t.deadline.as_ref()).map(|d| d.milestones.len()).max();
    assert!(longest.is_some_and(|n| n < 8), "{longest:?}");
}

#[test]
fn a_time_field_after_a_duty_or_inside_it_is_its_deadline() {
    // Wrapped as offices write them: the field on the line after the item,
    // in the sentence after it, or after a ";" of the same sentence.
    let text = format!(
        "{PLAN_HEADER}II. NHIỆM VỤ, GIẢI PHÁP\n\n1. Quy hoạch du lịch\n\n\
         a) Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Tài chính, UBND các huyện, thị xã, thành phố rà soát quy hoạch các khu du lịch.\n\
         Thời gian thực hiện: Quý II/2026.\n\n\
         b) Ban Quản lý các khu công nghiệp tỉnh chủ trì, phối hợp với Sở Xây dựng kêu gọi đầu tư hạ tầng du lịch; thời gian: năm 2025 - 2027.\n\n\
         2. Hoàn thiện thể chế\n\n\
         Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp tham mưu ban hành quy chế quản lý dữ liệu số. Thời gian hoàn thành: trước ngày 30/6/2025.\n\n\
         3. An toàn thông tin\n\n\
         Công an tỉnh chủ trì, phối hợp Sở Khoa học và Công nghệ kiểm tra an toàn thông tin các hệ thống; thời gian: 6 tháng đầu năm 2026.\n"
    );
    let doc = parse(&text);
    let got: Vec<(&str, Option<&str>)> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.deadline.as_ref().and_then(|d| d.by.as_deref()))).collect();
    assert_eq!(
        got,
        [
            ("Sở Văn hóa, Thể thao và Du lịch", Some("2026-06-30")),
            ("Ban Quản lý các khu công nghiệp tỉnh", Some("2027-12-31")),
            ("Sở Khoa học và Công nghệ", Some("2025-06-30")),
            ("Công an tỉnh", Some("2026-06-30")),
        ],
        "tasks: {:?}",
        doc.tasks
    );
    // A department whose name ends in lower case does not run on into the duty.
    assert_eq!(doc.tasks[1].support, ["Sở Xây dựng"]);
}

#[test]
fn a_time_line_closing_a_group_of_sub_items_times_each_of_them() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n1. Các cơ quan tham mưu quản lý ngành, lĩnh vực\n\n\
         - Phối hợp hướng dẫn các cơ quan, đơn vị thực hiện kiểm kê tài sản kết cấu hạ tầng. Trong đó:\n\n\
         + Sở Xây dựng: hướng dẫn kiểm kê tài sản kết cấu hạ tầng giao thông.\n\n\
         + Sở Công Thương: hướng dẫn kiểm kê tài sản kết cấu hạ tầng thương mại là chợ.\n\n\
         Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.\n\n\
         - Cử công chức tham gia tổ công tác kiểm tra việc kiểm kê.\n\n\
         Thời gian thực hiện: Tháng 12/2025.\n"
    );
    let doc = parse(&text);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = doc
        .tasks
        .iter()
        .map(|t| {
            let d = t.deadline.as_ref();
            (t.lead[0].as_str(), d.map(|d| d.text.as_str()), d.and_then(|d| d.by.as_deref()))
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Sở Xây dựng", Some("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê"), None),
            ("Sở Công Thương", Some("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê"), None),
            ("Các cơ quan tham mưu quản lý ngành, lĩnh vực", Some("Tháng 12/2025"), Some("2025-12-31")),
        ],
        "tasks: {:?}",
        doc.tasks
    );
    assert_eq!(doc.tasks[0].deadline.as_ref().and_then(|d| d.recurrence.as_deref()), Some("continuous"));
}

#[test]
fn the_steps_of_a_published_procedure_assign_no_work() {
    let text = "BỘ XÂY DỰNG\nSố: 2109/QĐ-BXD\nHà Nội, ngày 25 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính nội bộ\n\n\
                Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính nội bộ.\n\n\
                PHỤ LỤC\n\nPHẦN II. NỘI DUNG CỤ THỂ\n\n1. Quyết định đầu tư dự án nhà ở công vụ\n\n\
                a) Trình tự thực hiện:\n\n\
                - Bước 1: Lập hồ sơ\n\n\
                Bộ Xây dựng giao đơn vị trực thuộc lập hồ sơ theo quy định, trình Bộ trưởng xem xét, quyết định.\n\n\
                - Bước 2: Thẩm định\n\n\
                Trong trường hợp cần thiết, Bộ trưởng thành lập Hội đồng thẩm định. Hội đồng thẩm định có trách nhiệm xem xét hồ sơ, đề xuất với Bộ trưởng.\n\n\
                Cục Quản lý nhà chủ trì, phối hợp với Vụ Kế hoạch - Tài chính thẩm định nguồn vốn.\n\n\
                b) Cách thức thực hiện: Trực tiếp hoặc qua dịch vụ bưu chính.\n";
    let doc = parse(text);
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    // Only the explicit "X chủ trì, phối hợp với Y" is work assigned.
    assert_eq!(leads, ["Cục Quản lý nhà"], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_scale_word_and_a_rate_belong_to_the_unit() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n1. Đến năm 2030, thu hút khoảng 5,5 triệu lượt khách du lịch; tổng thu từ khách du lịch đạt 12.000 tỷ đồng.\n\n\
         2. Tổ chức ít nhất 02 lần/năm chương trình xúc tiến du lịch.\n\n3. Đón 500 nghìn lượt khách quốc tế vào năm 2027.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.year)).collect();
    assert_eq!(
        got,
        [(5.5, "triệu lượt khách", Some(2030)), (12000.0, "tỷ đồng", Some(2030)), (2.0, "lần/năm", None), (500.0, "nghìn lượt khách", Some(2027))],
        "targets: {:?}",
        doc.targets
    );
    assert_eq!(doc.targets[0].indicator, "lượt khách du lịch");
}

#[test]
fn an_action_programme_is_titled_by_the_resolution_it_carries_out() {
    // The title line cites a document, as an action programme's does; the
    // preamble after it is no part of the title.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 215/CTr-UBND\nQuảng Trị, ngày 03 tháng 10 năm 2025\n\n\
                CHƯƠNG TRÌNH HÀNH ĐỘNG\n\
                Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ\n\n\
                Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ, Ủy ban nhân dân tỉnh ban hành Chương trình hành động với các nội dung sau:\n\n\
                I. MỤC TIÊU\n\nKinh tế số chiếm tối thiểu 20% GRDP của tỉnh.\n";
    let doc = parse(text);
    assert_eq!(doc.meta.doc_type, "chuong_trinh");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ")
    );
    // A directive has no preamble: its first sentence under the title is body.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 09/CT-UBND\nHà Tĩnh, ngày 14 tháng 7 năm 2025\n\nCHỈ THỊ\n\
                Về tăng cường kỷ luật, kỷ cương hành chính\n\
                Thời gian qua, việc chấp hành kỷ luật, kỷ cương hành chính đã có nhiều chuyển biến tích cực. Tuy nhiên, vẫn còn tình trạng né tránh trách nhiệm.\n\n\
                1. Sở Nội vụ tổ chức kiểm tra công vụ đột xuất.\n";
    let doc = parse(text);
    assert_eq!(doc.meta.title.as_deref(), Some("Về tăng cường kỷ luật, kỷ cương hành chính"));
}

#[test]
fn a_directive_tells_each_agency_its_duty_in_its_numbered_items() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 09/CT-UBND\nHà Tĩnh, ngày 14 tháng 7 năm 2025\n\nCHỈ THỊ\n\
                Về tăng cường kỷ luật, kỷ cương hành chính\n\n\
                Để khắc phục những tồn tại, hạn chế nêu trên, Chủ tịch Uỷ ban nhân dân tỉnh yêu cầu:\n\n\
                1. Giám đốc các sở, thủ trưởng các ban, ngành cấp tỉnh; Chủ tịch Uỷ ban nhân dân các xã, phường:\n\n\
                a) Quán triệt, triển khai nghiêm túc Chỉ thị này; hoàn thành trong tháng 7 năm 2025.\n\n\
                b) Người đứng đầu chịu trách nhiệm trước Chủ tịch Uỷ ban nhân dân tỉnh nếu để xảy ra sai phạm.\n\n\
                2. Công an tỉnh tăng cường công tác nắm tình hình, xử lý nghiêm các hành vi nhũng nhiễu.\n";
    let doc = parse(text);
    let leads: Vec<&[String]> = doc.tasks.iter().map(|t| t.lead.as_slice()).collect();
    assert_eq!(
        leads,
        [
            &["Giám đốc các sở".to_string(), "thủ trưởng các ban, ngành cấp tỉnh".to_string(), "Chủ tịch Uỷ ban nhân dân các xã, phường".to_string()][..],
            &["Công an tỉnh".to_string()][..],
        ],
        "tasks: {:?}",
        doc.tasks
    );
    // (its accountability clause, b), is nothing to track)
    // The same sentence in a plan's goals, outside any duty heading, is no task.
    let plan = format!("{PLAN_HEADER}I. MỤC ĐÍCH\n\n1. Công an tỉnh tăng cường công tác nắm tình hình.\n");
    assert!(parse(&plan).tasks.is_empty());
}

#[test]
fn a_sentence_that_only_says_who_does_it_takes_the_duty_before_it() {
    let text = format!(
        "{PLAN_HEADER}II. NHIỆM VỤ, GIẢI PHÁP\n\n\
         a) Rà soát, đề xuất sửa đổi các văn bản quy phạm pháp luật không còn phù hợp, hoàn thành trong tháng 12 năm 2025. Sở Tư pháp chủ trì, phối hợp với các sở, ngành liên quan thực hiện.\n\n\
         b) Tình hình số hóa còn chậm. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ xây dựng kho dữ liệu dùng chung.\n"
    );
    let doc = parse(&text);
    assert_eq!(doc.tasks.len(), 2, "tasks: {:?}", doc.tasks);
    let first = &doc.tasks[0];
    assert!(first.text.starts_with("Rà soát, đề xuất sửa đổi"), "{}", first.text);
    assert_eq!(first.deadline.as_ref().and_then(|d| d.by.as_deref()), Some("2025-12-31"));
    // A sentence with a duty of its own keeps to itself.
    assert!(doc.tasks[1].text.starts_with("Sở Khoa học và Công nghệ chủ trì"), "{}", doc.tasks[1].text);
}

#[test]
fn a_deadline_read_inside_brackets_keeps_them_whole() {
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Các sở, ban, ngành báo cáo kết quả thực hiện định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12) về Sở Nội vụ để tổng hợp.\n"
    );
    let doc = parse(&text);
    let d = doc.tasks.first().and_then(|t| t.deadline.as_ref()).expect("a task with a deadline");
    assert_eq!(d.text, "(trước ngày 15/6) và hằng năm (trước ngày 15/12)");
    assert_eq!(d.recurrence.as_deref(), Some("annual"));
}

#[test]
fn what_a_goal_verb_links_to_its_figure_names_it() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n\
         a) Chi cho khoa học, công nghệ và chuyển đổi số bảo đảm 3% tổng chi ngân sách hằng năm của tỉnh.\n\n\
         b) Phấn đấu đến năm 2026 phủ sóng 5G đạt 100% khu công nghiệp.\n\n\
         c) Tập trung chỉ đạo thực hiện đảm bảo văn bản điện tử phải đạt 90%.\n"
    );
    let doc = parse(&text);
    let got: Vec<(&str, f64)> = doc.targets.iter().map(|t| (t.indicator.as_str(), t.value)).collect();
    assert_eq!(
        got,
        [("Chi cho khoa học, công nghệ và chuyển đổi số", 3.0), ("phủ sóng 5G", 100.0), ("văn bản điện tử", 90.0)],
        "targets: {:?}",
        doc.targets
    );
    assert_eq!(doc.targets[1].year, Some(2026));
}

#[test]
fn points_under_a_line_naming_whom_they_are_done_with_are_each_a_task() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Công Thương\n\n\
         a) Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường và cơ quan, đơn vị có liên quan\n\n\
         - Là cơ quan đầu mối theo dõi, đôn đốc triển khai thực hiện Kế hoạch này.\n\n\
         - Tổ chức chương trình tập huấn kiến thức về xuất khẩu hàng hóa.\n\n\
         b) Hỗ trợ các nhà đầu tư phát triển hạ tầng thương mại.\n"
    );
    let doc = parse(&text);
    let got: Vec<(&str, &[String], &[String])> =
        doc.tasks.iter().map(|t| (t.text.as_str(), t.lead.as_slice(), t.support.as_slice())).collect();
    assert_eq!(got.len(), 3, "tasks: {got:?}");
    let support = ["các sở, ban, ngành", "UBND các xã, phường", "cơ quan, đơn vị có liên quan"].map(String::from);
    for (text, lead, sup) in &got[..2] {
        assert_eq!(*lead, ["Sở Công Thương".to_string()], "{text}");
        // The name ends with its line: the next point is no part of it.
        assert_eq!(*sup, support, "{text}");
    }
    assert!(got[0].0.starts_with("Là cơ quan đầu mối"), "{}", got[0].0);
    assert!(got[1].0.starts_with("Tổ chức chương trình tập huấn"), "{}", got[1].0);
    assert!(got[2].2.is_empty(), "{:?}", got[2]);
}

#[test]
fn a_reporting_section_assigns_each_agency_its_reports() {
    let text = format!(
        "{PLAN_HEADER}V. CHẾ ĐỘ BÁO CÁO\n\n\
         1. Các sở, ngành gửi báo cáo kết quả thực hiện về Sở Công Thương trước ngày 16 hằng tháng.\n\n\
         2. Sở Công Thương tổng hợp báo cáo UBND tỉnh về tình hình thực hiện Kế hoạch trước ngày 30/11 hằng năm.\n"
    );
    let doc = parse(&text);
    let leads: Vec<&[String]> = doc.tasks.iter().map(|t| t.lead.as_slice()).collect();
    assert_eq!(leads, [&["Các sở, ngành".to_string()][..], &["Sở Công Thương".to_string()][..]], "tasks: {:?}", doc.tasks);
}

#[test]
fn a_point_whose_subject_is_another_kind_of_business_leads_its_own_duty() {
    // Under "Các doanh nghiệp công nghệ số", a point whose subject is another
    // category of business is that category's duty; one that only
    // encourages a category ("Khuyến khích các doanh nghiệp ...") is the
    // heading's.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Các doanh nghiệp công nghệ số\n\n\
         a) Các doanh nghiệp viễn thông, doanh nghiệp bưu chính ưu tiên bố trí nguồn lực đầu tư nâng cấp hạ tầng số.\n\n\
         b) Khuyến khích các doanh nghiệp nhỏ và vừa tham gia triển khai Kế hoạch.\n"
    );
    let doc = parse(&text);
    let leads: Vec<&[String]> = doc.tasks.iter().map(|t| t.lead.as_slice()).collect();
    assert_eq!(
        leads,
        [&["Các doanh nghiệp viễn thông, doanh nghiệp bưu chính".to_string()][..], &["Các doanh nghiệp công nghệ số".to_string()][..]],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn a_decomposed_text_reads_like_a_composed_one() {
    // A file saved on a Mac spells "Điều" as "Đie\u{302}\u{300}u". A page
    // saved from a legal portal keeps the decision's body in one table cell,
    // which is found to be a body by the articles in it: they must be found
    // in decomposed letters too.
    let body = "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026 \
        ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; \
        Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02 tháng 12 năm 2025. QUYẾT ĐỊNH: \
        Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026 của tỉnh Đắk Lắk. \
        Điều 2. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc việc thực hiện Kế hoạch, \
        báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 năm 2026. \
        Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Thủ trưởng các ban, ngành và Chủ tịch \
        Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.";
    let text = format!("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2345/QĐ-UBND | Đắk Lắk, ngày 05 tháng 12 năm 2025 | {body}\n");
    let composed = parse(&text);
    let decomposed = parse(&text.nfd().collect::<String>());
    let summary = |d: &Document| {
        let mut p = Vec::new();
        paths(&d.sections, &mut p);
        let tasks: Vec<(String, Vec<String>)> = d.tasks.iter().map(|t| (t.text.clone(), t.lead.clone())).collect();
        (p, tasks)
    };
    let (sections, tasks) = summary(&composed);
    assert_eq!(sections, ["Điều 1", "Điều 2", "Điều 3"]);
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(summary(&decomposed), summary(&composed));
}

#[test]
fn a_header_rule_glued_to_the_number_and_date_is_dropped() {
    // A PDF's text layer (pdftotext) glues the rule under each header
    // column to the line below it.
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n-------Số: 310/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                Độc lập - Tự do - Hạnh phúc\n--------------Hà Nội, ngày 24 tháng 11 năm 2025\n\nKẾ HOẠCH\n\
                Phát triển hạ tầng 5G trong các khu công nghiệp\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n\
                - Cụ thể hóa nhiệm vụ, giải pháp chủ yếu của Thành phố.\n---------------\n";
    let doc = parse(text);
    assert_eq!(doc.meta.number.as_deref(), Some("310/KH-UBND"));
    assert_eq!(doc.meta.date.as_deref(), Some("2025-11-24"));
    // the bullet keeps its dash; a rule alone on its line is no bullet
    let [part] = &doc.sections[..] else { panic!("one part expected: {:?}", doc.sections) };
    let markers: Vec<&str> = part.children.iter().map(|s| s.marker.as_str()).collect();
    assert_eq!(markers, ["-"]);
}

#[test]
fn a_rule_of_equals_signs_or_long_dashes_is_a_rule_too() {
    // The same header as above with the rules other offices draw: "=====",
    // em dashes, en dashes. Each must go wherever it stands, glued or alone.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n=======Số: 45/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                Độc lập - Tự do - Hạnh phúc\n———————Ninh Bình, ngày 3 tháng 2 năm 2026\n\nKẾ HOẠCH\n\
                Chuyển đổi số trong các cơ quan nhà nước năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n\
                - Cụ thể hóa nhiệm vụ của Tỉnh.\n––––––––\n\nII. NHIỆM VỤ\n\n- Sở Nội vụ chủ trì triển khai.\n=========\n";
    let doc = parse(text);
    assert_eq!(doc.meta.number.as_deref(), Some("45/KH-UBND"));
    assert_eq!(doc.meta.date.as_deref(), Some("2026-02-03"));
    let tree: Vec<(&str, Vec<&str>)> = doc.sections.iter().map(|s| (s.marker.as_str(), s.children.iter().map(|c| c.marker.as_str()).collect())).collect();
    assert_eq!(tree, [("I.", vec!["-"]), ("II.", vec!["-"])], "a rule alone on its line is no bullet");
}

#[test]
fn a_survey_or_a_condition_after_theo_is_no_citation_but_an_article_is() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n\
         1. Đến năm 2027, theo điều tra xã hội học, tỷ lệ người dân hài lòng với dịch vụ hành chính công đạt trên 90%.\n\n\
         2. Đến năm 2028, theo điều kiện thực tế của địa phương, tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80%.\n\n\
         3. Hỗ trợ theo Điều 5 Nghị quyết số 12/2024/NQ-HĐND, phấn đấu đạt 50% hộ nghèo thoát nghèo.\n"
    );
    let doc = parse(&text);
    let values: Vec<f64> = doc.targets.iter().map(|t| t.value).collect();
    // The survey and the local conditions do not quote another text; the
    // figure after "theo Điều 5" does.
    assert!(values.contains(&90.0), "{:#?}", doc.targets);
    assert!(values.contains(&80.0), "{:#?}", doc.targets);
    assert!(!values.contains(&50.0), "{:#?}", doc.targets);
}

#[test]
fn an_aside_in_brackets_before_a_level_stays_in_the_agency_s_name() {
    // A regulation's competence article: the first agency is named with an
    // alternative in brackets and its level after it; the third has a unit
    // in brackets and no level, so its name ends at the bracket.
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 12/2025/QĐ-UBND\nHà Nội, ngày 4 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\n\
        Ban hành Quy định phân cấp một số nội dung thuộc lĩnh vực xây dựng\n\n\
        Điều 1. Ban hành kèm theo Quyết định này Quy định phân cấp.\n\n\
        Điều 2. Quyết định này có hiệu lực từ ngày 04/12/2025.\n\n\
        QUY ĐỊNH\nPhân cấp một số nội dung thuộc lĩnh vực xây dựng\n\n\
        Chương I\nPHÂN CẤP THẨM ĐỊNH\n\nĐiều 1. Thẩm định dự án\n\n\
        1. Phòng Kinh tế, Hạ tầng và Đô thị (hoặc phòng Kinh tế) cấp xã chủ trì thẩm định báo cáo kinh tế - kỹ thuật đầu tư xây dựng.\n\n\
        2. Sở Văn hóa và Thể thao chủ trì thẩm định báo cáo nghiên cứu khả thi các dự án văn hóa.\n\n\
        3. Sở Nông nghiệp và Môi trường (Chi cục Thủy lợi) chủ trì thẩm định các dự án thủy lợi.\n";
    let doc = parse(text);
    let leads: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    assert_eq!(
        leads,
        [
            ("Chương I/Điều 1/1".to_string(), "Phòng Kinh tế, Hạ tầng và Đô thị (hoặc phòng Kinh tế) cấp xã"),
            ("Chương I/Điều 1/2".to_string(), "Sở Văn hóa và Thể thao"),
            ("Chương I/Điều 1/3".to_string(), "Sở Nông nghiệp và Môi trường"),
        ],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn a_numbered_agency_name_over_one_paragraph_heads_that_paragraph_as_its_duty() {
    // Items 1 and 3 name an agency on their own line over a paragraph, not
    // over points; item 2 is the same with points. Item 4 is a name the
    // next line carries on (a PDF line wrapped after "Giám đốc các Sở"), so
    // that line is not a duty of "Giám đốc các Sở".
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 245/KH-UBND\nCần Thơ, ngày 10 tháng 12 năm 2025\n\nKẾ HOẠCH\n\
        Thực hiện công tác dân số và phát triển năm 2026\n\n\
        I. MỤC ĐÍCH, YÊU CẦU\n\nBảo đảm triển khai đồng bộ các giải pháp về dân số.\n\n\
        II. NỘI DUNG THỰC HIỆN\n\n\
        1. Sở Giáo dục và Đào tạo\n\n\
        Căn cứ chức năng nhiệm vụ, chỉ đạo các cơ sở giáo dục phổ thông lồng ghép nội dung giáo dục dân số, sức khỏe sinh sản cho học sinh.\n\n\
        2. Sở Tài chính\n\n\
        a) Phối hợp với Sở Y tế tham mưu bố trí kinh phí thực hiện công tác dân số.\n\n\
        b) Phối hợp với Sở Y tế kiểm tra việc sử dụng kinh phí theo quy định.\n\n\
        3. Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Cần Thơ\n\n\
        Chỉ đạo các cơ quan truyền thông, báo chí tăng thời lượng tuyên truyền về công tác dân số.\n\n\
        4. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc các Sở\n\
        Giáo dục và Đào tạo, Nội vụ; Thủ trưởng các sở, ban, ngành\n";
    let doc = parse_with_leads(
        text,
        &[
            ("II/1", &["Sở Giáo dục và Đào tạo"]),
            ("II/2/a", &["Sở Tài chính"]),
            ("II/2/b", &["Sở Tài chính"]),
            ("II/3", &["Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình Cần Thơ"]),
        ],
    );
    assert!(doc.tasks[0].text.starts_with("Căn cứ chức năng nhiệm vụ, chỉ đạo"), "{}", doc.tasks[0].text);
}

#[test]
fn a_plural_head_whose_name_reads_like_a_verb_is_named_up_to_chu_tri() {
    // "Các Sở" is a head; "quản lý" after it would end a name ("Sở Y tế quản
    // lý ..."), yet here it is the name of a group of departments, which
    // runs up to "chủ trì" over twelve words in item 1.
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 74/KH-UBND\nHà Nội, ngày 04 tháng 12 năm 2025\n\nKẾ HOẠCH\n\
        Thực hiện phân cấp trong lĩnh vực xây dựng\n\n\
        I. NHIỆM VỤ\n\n\
        1. Các Sở quản lý công trình xây dựng chuyên ngành Thành phố chủ trì thẩm định báo cáo nghiên cứu khả thi các dự án thuộc chuyên ngành quản lý.\n\n\
        2. Các sở quản lý chuyên ngành chủ trì kiểm tra công tác nghiệm thu công trình.\n\n\
        3. Sở Xây dựng chủ trì, phối hợp với các sở quản lý chuyên ngành hướng dẫn thực hiện.\n";
    parse_with_leads(
        text,
        &[
            ("I/1", &["Các Sở quản lý công trình xây dựng chuyên ngành Thành phố"]),
            ("I/2", &["Các sở quản lý chuyên ngành"]),
            ("I/3", &["Sở Xây dựng"]),
        ],
    );
}

/// Each task's lead agencies, in document order.
fn task_leads(doc: &Document) -> Vec<Vec<&str>> {
    doc.tasks.iter().map(|t| t.lead.iter().map(String::as_str).collect()).collect()
}

/// Each task's lead and supporting agencies, in document order.
fn task_roles(doc: &Document) -> Vec<(Vec<&str>, Vec<&str>)> {
    fn names(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }
    doc.tasks.iter().map(|t| (names(&t.lead), names(&t.support))).collect()
}

/// Each task's section path ("II/2/a") and lead agencies, in order.
fn leads_by_section(doc: &Document) -> Vec<(String, Vec<&str>)> {
    doc.tasks.iter().map(|t| (t.section.join("/"), t.lead.iter().map(String::as_str).collect())).collect()
}

/// Parses `text` and asserts its tasks' sections and leads, in order.
fn parse_with_leads(text: &str, want: &[(&str, &[&str])]) -> Document {
    let doc = parse(text);
    let want: Vec<(String, Vec<&str>)> = want.iter().map(|(s, l)| (s.to_string(), l.to_vec())).collect();
    assert_eq!(leads_by_section(&doc), want, "{:#?}", doc.tasks);
    doc
}

#[test]
fn an_agency_item_whose_number_stands_alone_on_its_line_leads_its_points() {
    // A PDF's text layer sets the list number apart from its text.
    let doc = parse(
        "CÔNG ĐIỆN\nVề việc ứng phó lũ\n1.\nCác Bộ tập trung chỉ đạo ứng phó.\n2.\nChủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:\n- Chịu trách nhiệm toàn diện về công tác ứng phó thiên tai.\n- Huy động tối đa các lực lượng, phương tiện.\n",
    );
    let points: Vec<_> = doc.tasks.iter().filter(|t| t.text.starts_with("Chịu") || t.text.starts_with("Huy động")).collect();
    assert_eq!(points.len(), 2, "{:#?}", leads_by_section(&doc));
    for t in points {
        assert_eq!((t.section.join("/"), t.lead.clone()), ("2".to_string(), vec!["Chủ tịch Ủy ban nhân dân các tỉnh".to_string()]));
    }
}

#[test]
fn a_wrapped_roman_number_and_its_subgroup_rows_group_the_tasks_under_them() {
    // An appendix table as a PDF reader gives it: "III" wrapped in the
    // narrow STT column ("II I") and the subgroup numbers in the next cell.
    let text = format!(
        "{PLAN_HEADER}I. NHIỆM VỤ\n\nPHỤ LỤC\n\n\
         TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành\n\
         II I | Phát triển các ứng dụng, nền tảng số III.1 | Nhóm ứng dụng, nền tảng số quy mô quốc gia |  |  | \n\
          | III.1.1 | Nhóm các nền tảng số giải quyết thủ tục hành chính |  |  | \n\
         1 | Triển khai Cổng Dịch vụ công quốc gia | Bộ Công an | Các bộ, ngành, địa phương | Hoàn thành | Tháng 02/2026\n\
          | III.1.2 | Nhóm các nền tảng phục vụ quản trị |  |  | \n\
         1 | Phát triển Hệ thống thông tin báo cáo quốc gia | Văn phòng Chính phủ | Các bộ, ngành | Hoàn thành | Tháng 12/2026\n"
    );
    let doc = parse(&text);
    let got: Vec<(String, Vec<String>)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead.clone())).collect();
    let row = |path: &str, lead: &str| (path.to_string(), vec![lead.to_string()]);
    assert_eq!(
        got,
        [row("Phụ lục/III.1.1/1", "Bộ Công an"), row("Phụ lục/III.1.2/1", "Văn phòng Chính phủ")],
        "tasks: {:?}",
        doc.tasks
    );
}

#[test]
fn a_body_named_in_the_closing_article_is_given_its_duty_there() {
    // "Điều khoản thi hành" opens the implementation part: a category head
    // ("Doanh nghiệp") heading an item there is a lead, not a topic.
    let text = format!(
        "{DECREE_HEADER}Điều 1. Phạm vi điều chỉnh\n\nNghị định này quy định thí điểm kinh doanh casino.\n\n\
         Điều 2. Điều khoản thi hành\n\n\
         1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.\n\n\
         2. Doanh nghiệp thực hiện dự án casino quy định tại Điều 1 Nghị định này có trách nhiệm tổ chức kinh doanh, quản lý người chơi theo quy định.\n"
    );
    parse_with_leads(&text, &[("Điều 2/2", &["Doanh nghiệp"])]);
}

#[test]
fn a_recipients_list_that_lost_its_label_is_not_the_last_items_bullets() {
    // A PDF's text layer dropped "Nơi nhận:"; the list still ends with the
    // archive entry, and its names are not the closing clause's duties.
    let text = format!(
        "{DECREE_HEADER}Điều 1. Phạm vi điều chỉnh\n\nNghị định này quy định chính sách hỗ trợ sản xuất.\n\n\
         Điều 2. Điều khoản thi hành\n\n\
         1. Nghị định này có hiệu lực thi hành từ ngày 25 tháng 02 năm 2025.\n\n\
         2. Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Nghị định này.\n\n\
         - Thủ tướng, các Phó Thủ tướng Chính phủ; - Các bộ, cơ quan ngang bộ; - HĐND, UBND các tỉnh; - VPCP: BTCN, các PCN, TGĐ\n\n\
         Cổng TTĐT,\n\n\
         - Lưu: VT, NN (2).\n"
    );
    let doc = parse(&text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Điều 2/1", "Điều 2/2"], "{:#?}", doc.sections);
    assert!(doc.tasks.is_empty(), "{:#?}", doc.tasks);
}

#[test]
fn closing_names_cut_at_a_colon_are_not_a_duty() {
    // A PDF broke the closing clause after "Giám đốc các Sở:"; the rest of
    // the names and the formula are no duty of the names before the colon.
    let text = format!(
        "{DECREE_HEADER}Điều 1. Tổ chức thực hiện\n\n\
         1. Sở Giáo dục và Đào tạo có trách nhiệm định kỳ báo cáo Chủ tịch Ủy ban nhân dân tỉnh.\n\n\
         Điều 2. Điều khoản thi hành\n\n\
         1. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.\n\n\
         2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở:\n\n\
         Giáo dục và Đào tạo, Nội vụ; Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành Quyết định này./.\n"
    );
    parse_with_leads(&text, &[("Điều 1/1", &["Sở Giáo dục và Đào tạo"])]);
}

#[test]
fn a_range_of_provinces_stays_in_the_name_it_qualifies() {
    // "từ Hà Tĩnh đến Lâm Đồng" says which provinces are meant; cutting the
    // name before "đến" hands the duty to a different set of provinces. A
    // range of years after a unit ("từ năm 2026") is no place and stays out.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng, trong đó trọng tâm là các tỉnh: Đắk Lắk, Khánh Hòa:\n\n\
         a) Tổ chức sửa chữa nhà ở cho các gia đình bị thiệt hại.\n\n\
         2. Ủy ban nhân dân các tỉnh từ Thanh Hóa tới Bà Rịa - Vũng Tàu chủ động bố trí kinh phí.\n\n\
         3. Ủy ban nhân dân các xã từ năm 2026 đến năm 2030 rà soát hộ nghèo.\n"
    );
    parse_with_leads(
        &text,
        &[
            ("IV/1/a", &["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng"]),
            ("IV/2", &["Ủy ban nhân dân các tỉnh từ Thanh Hóa tới Bà Rịa - Vũng Tàu"]),
            ("IV/3", &["Ủy ban nhân dân các xã"]),
        ],
    );
}

#[test]
fn a_known_name_inside_a_longer_one_keeps_its_commas() {
    // "Bộ Văn hóa, Thể thao và Du lịch" is one ministry; read word by word,
    // the comma ended "Các cơ quan trực thuộc Bộ Văn hóa" and the heading
    // named no agency, so its paragraph was lost as a task.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Nội vụ\n\n\
         Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\n\
         2. Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch\n\n\
         Chủ trì, phối hợp với các Bộ, ngành liên quan ưu tiên bố trí nguồn lực thực hiện quy hoạch.\n\n\
         3. Văn phòng Bộ Lao động - Thương binh và Xã hội chủ trì tổng hợp báo cáo.\n\n\
         4. Sở Tài chính chủ trì, phối hợp với UBND các phường xã Các sở, ban, ngành bố trí kinh phí.\n"
    );
    // Two table cells run together in a PDF: a determiner opens the second
    // group, which a known name ("Các sở, ban, ngành") does not extend.
    let doc = parse_with_leads(
        &text,
        &[
            ("IV/1", &["Sở Nội vụ"]),
            ("IV/2", &["Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch"]),
            ("IV/3", &["Văn phòng Bộ Lao động - Thương binh và Xã hội"]),
            ("IV/4", &["Sở Tài chính"]),
        ],
    );
    assert_eq!(doc.tasks[3].support, ["UBND các phường xã", "Các sở, ban, ngành"]);
}

#[test]
fn a_request_under_an_agency_heading_stays_that_agencys_duty() {
    // Asking the press to plan airtime is the department's own duty; the
    // agencies asked are not its lead. "Giao" hands a duty on, so the
    // assigned office leads its own item.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Khoa học và Công nghệ\n\n\
         - Nâng cao chất lượng công tác truyền thông về phòng, chống thiên tai;\n\n\
         - Yêu cầu các cơ quan thông tấn, báo chí trên địa bàn Thành phố xây dựng kế hoạch, dành thời lượng phát sóng tuyên truyền nội dung của Kế hoạch.\n\n\
         2. Ủy ban nhân dân cấp huyện\n\n\
         - Giao phòng Nội vụ tổng hợp kết quả thực hiện, báo cáo định kỳ.\n"
    );
    parse_with_leads(
        &text,
        &[
            ("IV/1", &["Sở Khoa học và Công nghệ"]),
            ("IV/1", &["Sở Khoa học và Công nghệ"]),
            ("IV/2", &["phòng Nội vụ"]),
        ],
    );
}

#[test]
fn a_long_leader_title_and_a_state_groups_head_stay_whole_names() {
    // "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    // is fifteen tokens: a name cut at "Trung" left "ương" to pass for the
    // duty. "Tổng giám đốc các Tập đoàn" leads like a minister does.
    let text = "THỦ TƯỚNG CHÍNH PHỦ\nSố: 10/CĐ-TTg\nHà Nội, ngày 19 tháng 11 năm 2025\n\nCÔNG ĐIỆN\nVề việc chuẩn bị khởi công các công trình\n\n\
         Thủ tướng Chính phủ yêu cầu:\n\n\
         1. Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương, \
         Chủ tịch Hội đồng thành viên, Tổng giám đốc các Tập đoàn, Tổng Công ty, đơn vị liên quan tiếp tục nâng cao tinh thần trách nhiệm, chỉ đạo các nhà thầu đẩy nhanh tiến độ.\n\n\
         2. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm trước Thủ tướng Chính phủ về tiến độ giải phóng mặt bằng.\n";
    let doc = parse(text);
    assert_eq!(
        task_leads(&doc),
        [
            vec![
                "Bộ trưởng",
                // (one group: "cơ quan" after a comma goes on with it)
                "Thủ trưởng các cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                "Chủ tịch Hội đồng thành viên",
                "Tổng giám đốc các Tập đoàn",
                "Tổng Công ty, đơn vị liên quan",
            ],
            vec!["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"],
        ]
    );
}

#[test]
fn a_role_before_the_subject_of_a_topic_leaves_the_subject_its_lead() {
    // "với vai trò là chủ đầu tư, Tập đoàn ... chủ động ...": the role opens
    // the sentence as "Trên cơ sở ..." does; the agency after it is assigned.
    let text = format!(
        "{NOTICE_HEADER}II. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH\n\n\
         1. Về đầu tư kho dầu thô dự trữ quốc gia: với vai trò là chủ đầu tư, Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam chủ động làm việc với các đối tác để triển khai dự án. \
         Ủy ban nhân dân tỉnh Thanh Hóa phối hợp với Bộ Công Thương lựa chọn vị trí, báo cáo trong tháng 12 năm 2025.\n\n\
         2. Về xây dựng cơ sở dữ liệu: với tư cách là cơ quan thường trực, Bộ Nội vụ tổng hợp, báo cáo Thủ tướng Chính phủ.\n"
    );
    parse_with_leads(
        &text,
        &[
            ("II/1", &["Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam"]),
            ("II/1", &["Ủy ban nhân dân tỉnh Thanh Hóa"]),
            ("II/2", &["Bộ Nội vụ"]),
        ],
    );
}

#[test]
fn a_duty_heading_without_cua_hands_its_points_to_the_agencies_it_names() {
    // "Trách nhiệm các cơ quan ..." drops the "của" of "Trách nhiệm của";
    // "Trách nhiệm công bố kết quả" names a topic and assigns nothing.
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Trách nhiệm các cơ quan, đơn vị cấp tỉnh và Ủy ban nhân dân xã, phường\n\n\
         a) Tổ chức triển khai thực hiện Kế hoạch tại cơ quan, đơn vị mình;\n\n\
         b) Gửi báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 tháng 12 hằng năm.\n\n\
         2. Trách nhiệm công bố kết quả\n\n\
         Kết quả xếp loại được công bố trên Cổng thông tin điện tử của tỉnh.\n"
    );
    let lead: &[&str] = &["các cơ quan, đơn vị cấp tỉnh và Ủy ban nhân dân xã, phường"];
    parse_with_leads(&text, &[("IV/1/a", lead), ("IV/1/b", lead)]);
}

#[test]
fn an_impact_assessment_describes_agencies_and_assigns_them_nothing() {
    // "Cơ quan Thuế:" over "+ Trước khi áp dụng: ..." under an impact
    // assessment tells what the agency did and will do once the change
    // applies; the same shape under "TỔ CHỨC THỰC HIỆN" is an assignment.
    let text = format!(
        "{PLAN_HEADER}III. ĐÁNH GIÁ TÁC ĐỘNG\n\n\
         1. Cơ quan Thuế:\n\n\
         + Trước khi áp dụng: Bố trí nhân sự cung cấp bản giấy của Thông báo về nghĩa vụ tài chính.\n\n\
         + Sau khi áp dụng: Không cần bố trí nhân sự để cung cấp bản giấy.\n\n\
         2. Bộ phận Một cửa:\n\n\
         + Trước khi áp dụng: Tiếp nhận hồ sơ giấy của công dân.\n\n\
         IV. TỔ CHỨC THỰC HIỆN\n\n\
         1. Cơ quan Thuế:\n\n\
         + Trả Thông báo về nghĩa vụ tài chính bản điện tử cho người dân.\n"
    );
    parse_with_leads(&text, &[("IV/1", &["Cơ quan Thuế"])]);
}

#[test]
fn a_plural_determiner_before_a_head_names_a_group_the_lexicon_does_not_list() {
    // "các Chi nhánh trực thuộc", "các Thuế cơ sở": a determiner before a head
    // names the group, though the lexicon lists no plural form of the head.
    // "Các Báo cáo trên" opens with a head word in another sense.
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n\
         1. Sở Nông nghiệp và Môi trường, Thuế Thành phố và các Thuế cơ sở, UBND cấp xã, Văn phòng Đăng ký đất đai và các Chi nhánh trực thuộc có trách nhiệm tuân thủ quy trình giải quyết theo phương án được phê duyệt.\n\n\
         2. Các Báo cáo trên gửi Bộ Tư pháp trước ngày 05 tháng 12 năm 2025.\n"
    );
    let lead: &[&str] = &[
        "Sở Nông nghiệp và Môi trường",
        "Thuế Thành phố",
        "các Thuế cơ sở",
        "UBND cấp xã",
        "Văn phòng Đăng ký đất đai",
        "các Chi nhánh trực thuộc",
    ];
    parse_with_leads(&text, &[("III/1", lead)]);
}

#[test]
fn an_implementation_heading_run_into_its_article_hands_out_the_work_that_follows() {
    // The line break after "Trách nhiệm thực hiện" lost: the agencies after
    // the heading's words lead the article ("Viễn thông Ninh Bình" is the
    // province's telecom unit). "Tổ chức thực hiện các văn bản ..." opens
    // with the same words but goes on with a duty, not an agency.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 412/QĐ-UBND\nNinh Bình, ngày 15 tháng 8 năm 2025\n\n\
        QUYẾT ĐỊNH\nVề việc phê duyệt quy trình nội bộ giải quyết thủ tục hành chính\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nQUYẾT ĐỊNH:\n\n\
        Điều 1. Phê duyệt kèm theo Quyết định này 64 quy trình nội bộ giải quyết thủ tục hành chính.\n\n\
        Điều 2. Trách nhiệm thực hiện Sở Văn hoá và Thể thao, Sở Khoa học và Công nghệ; Viễn thông Ninh Bình; Chủ tịch UBND các xã, phường thực hiện trách nhiệm theo Điều 2 Quyết định số 412/QĐ-UBND ngày 15/8/2025 của Chủ tịch UBND tỉnh.\n\n\
        Điều 3. Tổ chức thực hiện các văn bản quy phạm pháp luật đã được cấp có thẩm quyền phê duyệt.\n\n\
        Điều 4. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.\n";
    let lead: &[&str] = &["Sở Văn hoá và Thể thao", "Sở Khoa học và Công nghệ", "Viễn thông Ninh Bình", "Chủ tịch UBND các xã, phường"];
    let doc = parse_with_leads(text, &[("Điều 2", lead)]);
    assert!(doc.tasks[0].text.starts_with("Sở Văn hoá"), "{:#?}", doc.tasks);
}

#[test]
fn an_appendix_title_glued_to_the_words_closing_the_table_before_opens_the_appendix() {
    // A saved page glues the words under one appendix's table, the next
    // appendix's title and the next table's header into one row.
    let text = "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSố: 2022/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n\nQUYẾT ĐỊNH:\n\
                Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính (chi tiết tại Phụ lục 1 và Phụ lục 2 kèm theo).\n\
                Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\
                PHỤ LỤC 1 DANH MỤC THỦ TỤC HÀNH CHÍNH (Kèm theo Quyết định số 2022/QĐ-UBND)\n\
                STT | Mã TTHC | Tên TTHC\n\
                1 | 2.000286 | Tiếp nhận đối tượng bảo trợ xã hội vào cơ sở trợ giúp xã hội\n\
                2 | 2.000477 | Dừng trợ giúp xã hội tại cơ sở trợ giúp xã hội\n\
                Tổng số TTHC công bố: 02 TTHC PHỤ LỤC 2 QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Kèm theo Quyết định số 2022/QĐ-UBND) | Thứ tự công việc | Nội dung công việc | Thời gian thực hiện\n\
                Bước 1 | Tiếp nhận hồ sơ | 0,5 ngày làm việc\n\
                Có PHỤ LỤC CHI TIẾT kèm theo | Ghi chú | Hồ sơ\n";
    let doc = parse(text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert_eq!(p, ["Điều 1", "Điều 2", "Phụ lục 1", "Phụ lục 2"]);
    let appendix = &doc.sections[3];
    assert_eq!(appendix.heading.as_deref(), Some("QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"));
}

#[test]
fn chapters_named_in_an_appendix_that_amends_another_document_do_not_divide_it() {
    // The appendix says where in the amended document its items go; the
    // items are the appendix's own. An appendix that does not amend keeps
    // its chapters.
    let text = "BỘ XÂY DỰNG\nSố: 21/2025/TT-BXD\n\nTHÔNG TƯ\nSửa đổi, bổ sung một số định mức bảo dưỡng thường xuyên đường bộ\n\n\
                Điều 1. Sửa đổi, bổ sung một số định mức tại Phụ lục I và Phụ lục II kèm theo Thông tư này.\n\
                Điều 2. Thông tư này có hiệu lực kể từ ngày 01 tháng 7 năm 2025.\n\
                PHỤ LỤC I\n\
                SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐỊNH MỨC BẢO DƯỠNG THƯỜNG XUYÊN ĐƯỜNG QUỐC LỘ\n\
                Chương III\n\
                ĐỊNH MỨC QUẢN LÝ, BẢO DƯỠNG THƯỜNG XUYÊN QUỐC LỘ\n\
                Mục 2\n\
                BẢO DƯỠNG ĐƯỜNG BỘ\n\
                1. Sửa đổi định mức vệ sinh mặt đường như sau:\n\
                Đơn vị tính: 1 km/năm\n\
                2. Sửa đổi định mức vét rãnh, khơi rãnh như sau:\n\
                Mục 4\n\
                3. Sửa đổi định mức sơn dặm vạch kẻ đường như sau:\n\
                PHỤ LỤC II\n\
                QUY CHẾ PHỐI HỢP KIỂM TRA HỆ THỐNG ĐƯỜNG BỘ\n\
                Chương I\n\
                QUY ĐỊNH CHUNG\n\
                1. Phạm vi điều chỉnh.\n";
    let doc = parse(text);
    let mut p = Vec::new();
    paths(&doc.sections, &mut p);
    assert_eq!(
        p,
        ["Điều 1", "Điều 2", "Phụ lục I", "Phụ lục I/1", "Phụ lục I/2", "Phụ lục I/3", "Phụ lục II", "Phụ lục II/Chương I", "Phụ lục II/Chương I/1"]
    );
}

#[test]
fn a_plan_saved_without_its_type_line_still_sets_its_targets_but_a_letter_does_not() {
    // A page saved from a legal-document site can drop the "KẾ HOẠCH" line:
    // the plan's own number still says what it is.
    let body = "1. Mục tiêu chung: Cải thiện tình trạng dinh dưỡng của trẻ em.\n2. Mục tiêu cụ thể đến năm 2025\n- Giảm tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi thể thấp còi xuống 29,5%.\n- Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95%.\n";
    let plan = parse(&format!("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 1479/KH-UBND | Kon Tum, ngày 17 tháng 5 năm 2022 |\n{body}"));
    assert_eq!(plan.meta.doc_type, "ke_hoach");
    assert_eq!(value_units(&plan), vec![(29.5, "%"), (95.0, "%")]);
    assert!(plan.targets.iter().all(|t| t.year == Some(2025)));
    // A letter quotes figures; its number names no plan type.
    let letter = parse(&format!("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 1479/UBND-VX | Kon Tum, ngày 17 tháng 5 năm 2022 |\n{body}"));
    assert!(letter.targets.is_empty(), "{:?}", value_units(&letter));
}

#[test]
fn a_rate_lowered_to_a_level_is_named_without_the_verb_that_lowers_it() {
    let doc = parse(&format!(
        "{PLAN_HEADER}I. MỤC TIÊU ĐẾN NĂM 2025\n- Giảm tỷ lệ suy dinh dưỡng thể thấp còi xuống còn 29,5%.\n- Giảm số người chỉ sử dụng điện thoại 2G xuống dưới 5%.\n- Tỷ lệ trẻ em từ 5 tuổi trở xuống được khám sức khỏe định kỳ đạt 90%.\n"
    ));
    let named: Vec<(&str, &str)> = doc.targets.iter().map(|t| (t.indicator.as_str(), t.comparator.as_str())).collect();
    assert_eq!(
        named,
        vec![
            ("tỷ lệ suy dinh dưỡng thể thấp còi", "eq"),
            ("số người chỉ sử dụng điện thoại 2G", "lt"),
            ("Tỷ lệ trẻ em từ 5 tuổi trở xuống được khám sức khỏe định kỳ", "eq"),
        ]
    );
}

#[test]
fn speeds_organisations_and_dollars_are_targets_and_a_qualifying_or_restated_figure_is_not() {
    let doc = parse(&format!(
        "{PLAN_HEADER}I. MỤC TIÊU ĐẾN NĂM 2030\n\
         - Tối thiểu có 5 doanh nghiệp công nghệ số ngang tầm các nước tiên tiến.\n\
         - Tỷ lệ dân số trưởng thành có chữ ký số tối thiểu đạt 25%.\n\
         - Tốc độ tải xuống trung bình tối thiểu 40 Mbit/s.\n\
         - Thu hút thêm ít nhất 3 tổ chức, doanh nghiệp công nghệ hàng đầu thế giới.\n\
         - Quy mô GDP đạt khoảng trên 500 tỉ đô la Mỹ.\n\
         - Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ 01 Gb/s đạt 100%.\n\
         - Hoàn thiện hạ tầng truyền dẫn cho phép truyền dữ liệu với tốc độ 10 Gigabit mỗi giây (10 Gbps).\n"
    ));
    let got: Vec<(f64, &str, &str)> = doc.targets.iter().map(|t| (t.value, t.unit.as_str(), t.comparator.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (5.0, "doanh nghiệp", "gte"),
            (25.0, "%", "gte"),
            (40.0, "Mbit/s", "gte"),
            (3.0, "tổ chức", "gte"),
            (500.0, "tỉ đô la Mỹ", "gt"),
            (100.0, "%", "eq"),
        ]
    );
    // The count that qualifies the share stays in what the share measures.
    assert_eq!(doc.targets[5].indicator, "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ 01 Gb/s");
}

#[test]
fn the_partys_bodies_lead_the_items_of_an_implementation_part() {
    let doc = parse(&format!(
        "{PLAN_HEADER}II. TỔ CHỨC THỰC HIỆN\n\
         1. Đảng đoàn Quốc hội lãnh đạo, chỉ đạo rà soát, hoàn thiện pháp luật.\n\
         2. Ban cán sự đảng Chính phủ lãnh đạo, chỉ đạo xây dựng chương trình hành động; phối hợp với Đảng đoàn Quốc hội thể chế hoá chủ trương, cơ bản hoàn thành trong năm 2025.\n\
         3. Ban Tuyên giáo Trung ương chủ trì, phối hợp với Ban Tổ chức Trung ương tổ chức quán triệt Nghị quyết.\n"
    ));
    let roles: Vec<(Vec<&str>, Vec<&str>)> =
        doc.tasks.iter().map(|t| (t.lead.iter().map(String::as_str).collect(), t.support.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        roles,
        vec![
            (vec!["Đảng đoàn Quốc hội"], vec![]),
            (vec!["Ban cán sự đảng Chính phủ"], vec!["Đảng đoàn Quốc hội"]),
            (vec!["Ban Tuyên giáo Trung ương"], vec!["Ban Tổ chức Trung ương"]),
        ]
    );
    assert_eq!(doc.tasks[1].deadline.as_ref().and_then(|d| d.year), Some(2025));
}

#[test]
fn an_appendix_task_table_published_without_a_header_still_assigns_its_tasks() {
    let doc = parse(
        "PHỤ LỤC II\nNHIỆM VỤ TRIỂN KHAI\n\n\
         | TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n\
         |---|---|---|---|---|\n\
         | 1 | Xây dựng văn bản quy định trách nhiệm người đứng đầu | Bộ Nội vụ | Các bộ, ngành, địa phương | 6/2025 |\n\
         | 2 | Tổ chức tuyên truyền về chuyển đổi số | Bộ Khoa học và Công nghệ | Đài Truyền hình Việt Nam | Thường xuyên |\n",
    );
    let got: Vec<(&str, Option<u8>)> = doc.tasks.iter().map(|t| (t.lead[0].as_str(), t.deadline.as_ref().and_then(|d| d.month))).collect();
    assert_eq!(got, vec![("Bộ Nội vụ", Some(6)), ("Bộ Khoa học và Công nghệ", None)]);
}

#[test]
fn a_header_copied_with_its_words_broken_over_lines_keeps_its_issuer_and_place() {
    // A legal-document site's text copy breaks the header cells at any word.
    let doc = parse(
        "ỦY\nBAN NHÂN DÂN\nTỈNH CÀ MAU\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n36/KH-UBND\n|\nCà\nMau, ngày 21 tháng 02 năm 2022\n|\nKẾ HOẠCH\nTHỰC HIỆN CHƯƠNG TRÌNH SỨC KHỎE HỌC ĐƯỜNG\n\nI. MỤC ĐÍCH\n",
    );
    assert_eq!(doc.meta.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Cà Mau"));
    assert_eq!(doc.meta.place.as_deref(), Some("Cà Mau"));
    assert_eq!(doc.meta.date.as_deref(), Some("2022-02-21"));
    // The motto broken over two lines is no part of the issuer beside it.
    let doc = parse(
        "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM |\nSố: 60/KH-UBND |\nTuyên Quang, ngày 05 tháng 3 năm 2025 |\n\nKẾ HOẠCH\nChuyển đổi số năm 2025\n\nI. MỤC TIÊU\n",
    );
    assert_eq!(doc.meta.issuer.as_deref(), Some("Ủy ban nhân dân"));
    assert_eq!(doc.meta.place.as_deref(), Some("Tuyên Quang"));
}

#[test]
fn a_line_broken_after_cua_goes_on_into_the_issuer() {
    // A copy that keeps the page's line breaks, not a fixed-width wrap.
    let doc = parse(&format!(
        "{PLAN_HEADER}Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của\nThủ tướng Chính phủ về việc phê duyệt Chương trình chuyển đổi số quốc gia;\nTheo đề nghị của Sở Y tế tại\nTờ trình số 496/TTr-SYT ngày 10/3/2024.\n\nI. MỤC TIÊU\n"
    ));
    let issuers: Vec<(&str, Option<&str>)> = doc.references.iter().map(|r| (r.number.as_str(), r.issuer.as_deref())).collect();
    assert_eq!(issuers, vec![("749/QĐ-TTg", Some("Thủ tướng Chính phủ")), ("496/TTr-SYT", Some("Sở Y tế"))]);
}

#[test]
fn a_numbered_heading_in_capitals_broken_over_lines_is_one_heading() {
    let doc = parse(&format!(
        "{PLAN_HEADER}I. MỤC TIÊU\nĐẾN NĂM 2030\n- 100% các cơ quan nhà nước trên địa bàn tỉnh kết nối với nền tảng dữ liệu.\nII. NHIỆM VỤ\nA. DANH MỤC QUY TRÌNH\nTT\n"
    ));
    let headings: Vec<Option<&str>> = doc.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(headings, vec![Some("MỤC TIÊU ĐẾN NĂM 2030"), Some("NHIỆM VỤ")]);
    assert_eq!(doc.targets.iter().map(|t| t.year).collect::<Vec<_>>(), vec![Some(2030)]);
    // A word alone under a heading (a table's first header cell) stays apart.
    assert_eq!(doc.sections[1].children[0].heading.as_deref(), Some("DANH MỤC QUY TRÌNH"));
}

#[test]
fn fields_run_together_with_semicolons_are_read_one_by_one() {
    let doc = parse(&format!(
        "{PLAN_HEADER}II. NHIỆM VỤ\n\
         1. Ban hành văn bản phân công thực hiện; Cơ quan chủ trì: Sở Tư pháp; Cơ quan phối hợp: Sở Nội vụ; Thời gian thực hiện: Quý IV/2025.\n\
         2. Rà soát thủ tục hành chính.\n\
         - Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ, Sở Tài chính.\n\
         - Thời gian thực hiện: Quý I/2026.\n"
    ));
    let got: Vec<(Vec<&str>, Vec<&str>, Option<u8>)> = doc
        .tasks
        .iter()
        .map(|t| (t.lead.iter().map(String::as_str).collect(), t.support.iter().map(String::as_str).collect(), t.deadline.as_ref().and_then(|d| d.quarter)))
        .collect();
    assert_eq!(
        got,
        vec![
            (vec!["Sở Tư pháp"], vec!["Sở Nội vụ"], Some(4)),
            (vec!["Sở Tư pháp"], vec!["Sở Nội vụ", "Sở Tài chính"], Some(1)),
        ]
    );
}

#[test]
fn giao_cho_assigns_like_giao() {
    let doc = parse(
        "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN\nSố: 29/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc phê duyệt chương trình chăm sóc sức khỏe\n\nĐiều 1. Phê duyệt chương trình chăm sóc sức khỏe.\nĐiều 2: Giao cho Sở Y tế tổ chức triển khai và phối hợp với các địa phương thực hiện chương trình.\nĐiều 3. Giao cho Sở Khoa học và Công nghệ và Sở Tài chính hướng dẫn chi tiết việc thực hiện Quyết định này.\n",
    );
    let leads: Vec<Vec<&str>> = doc.tasks.iter().map(|t| t.lead.iter().map(String::as_str).collect()).collect();
    assert_eq!(leads, vec![vec!["Sở Y tế"], vec!["Sở Khoa học và Công nghệ", "Sở Tài chính"]]);
}

#[test]
fn a_year_a_few_words_after_so_voi_or_in_a_cited_date_is_not_the_targets_year() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n1. Tiết kiệm thêm khoảng 10% chi thường xuyên tăng thêm dự toán năm 2025 so với dự toán năm 2024.\n\n\
         2. Bố trí ít nhất 15% ngân sách chi cho khoa học theo Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024.\n\n\
         3. Giảm 20% số vụ tai nạn so với năm 2020 đến năm 2030.\n"
    );
    let doc = parse(&text);
    let years: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(years, vec![(10.0, Some(2025)), (15.0, None), (20.0, Some(2030))], "{:#?}", doc.targets);
}

#[test]
fn a_marker_word_broken_off_its_number_still_starts_its_section() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 665/QĐ-UBND\nKhánh Hòa, ngày 10 tháng 3 năm 2021\n\nQUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch\n\n\
         QUYẾT ĐỊNH:\nĐiều\n1.\nPhê duyệt Kế hoạch bảo đảm trật tự, an toàn giao thông.\nĐiều\n2. Giao Sở Giao thông vận tải chủ trì, phối hợp với Công an tỉnh tổ chức thực hiện.\n\
         Chương\nI\nQUY ĐỊNH CHUNG\nĐiều 3.\nPhạm vi điều chỉnh\n";
    let doc = parse(text);
    let mut got = Vec::new();
    paths(&doc.sections, &mut got);
    assert_eq!(got, ["Điều 1", "Điều 2", "Chương I", "Chương I/Điều 3"], "{:#?}", doc.sections);
    assert_eq!(doc.tasks.len(), 1, "{:#?}", doc.tasks);
    assert_eq!(doc.tasks[0].lead, ["Sở Giao thông vận tải"]);
}

#[test]
fn each_figure_of_a_staged_goal_takes_its_own_year() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n- Giảm tỷ lệ hộ nghèo xuống dưới 5% vào năm 2026 và dưới 3% vào năm 2030.\n\n\
         - Đến năm 2027 đạt 60% và đến năm 2030 đạt 75% số xã có trạm y tế đạt chuẩn.\n\n\
         - Tỷ lệ che phủ rừng đạt 45% năm 2026, 47% năm 2030.\n\n\
         - Đến năm 2030, phấn đấu đạt 100% gia đình có mức sống trung bình, năm 2026 đạt 99%, năm 2027 đạt 99,5%.\n"
    );
    let doc = parse(&text);
    let years: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(
        years,
        vec![(5.0, Some(2026)), (3.0, Some(2030)), (60.0, Some(2027)), (75.0, Some(2030)), (45.0, Some(2026)), (47.0, Some(2030)), (100.0, Some(2030)), (99.0, Some(2026)), (99.5, Some(2027))],
        "{:#?}",
        doc.targets
    );
}

#[test]
fn the_next_items_of_a_list_of_figures_keep_its_bound() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n- Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ.\n\n\
         - Tỷ lệ nữ giám đốc đạt ít nhất 27% vào năm 2026 và 30% vào năm 2030.\n\n\
         - Tối thiểu 80% xã có điểm phục vụ; 90% phường có điểm phục vụ.\n"
    );
    let doc = parse(&text);
    let got: Vec<(f64, &str)> = doc.targets.iter().map(|t| (t.value, t.comparator.as_str())).collect();
    assert_eq!(got, vec![(100.0, "gte"), (50.0, "gte"), (27.0, "gte"), (30.0, "gte"), (80.0, "gte"), (90.0, "eq")], "{:#?}", doc.targets);
}

#[test]
fn an_assignment_in_brackets_after_a_duty_makes_it_a_task() {
    let text = format!(
        "{PLAN_HEADER}II. NỘI DUNG CÔNG TÁC\n\n1. Xây dựng Quy chế bảo vệ bí mật nhà nước trên địa bàn tỉnh (Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh; Sở Tư pháp tham mưu).\n\n\
         2. Tổ chức sơ kết công tác bảo vệ bí mật nhà nước (trong quý IV/2026).\n\n\
         3. Thành lập Đoàn kiểm tra công tác bảo vệ bí mật nhà nước (Giao Công an tỉnh tham mưu).\n"
    );
    let doc = parse(&text);
    let got: Vec<(Vec<String>, Vec<String>, String)> = doc.tasks.iter().map(|t| (t.lead.clone(), t.support.clone(), t.section.join("/"))).collect();
    assert_eq!(
        got,
        vec![
            (vec!["Công an tỉnh".to_string()], vec!["Văn phòng UBND tỉnh".to_string(), "Sở Tư pháp".to_string()], "II/1".to_string()),
            (vec!["Công an tỉnh".to_string()], vec![], "II/3".to_string()),
        ],
        "{:#?}",
        doc.tasks
    );
    assert!(doc.tasks[0].text.starts_with("Xây dựng Quy chế"));
}

#[test]
fn items_under_a_lead_in_that_asks_an_agency_are_that_agencys() {
    let text = format!(
        "{PLAN_HEADER}IV. TỔ CHỨC THỰC HIỆN\n\nThủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\n\n\
         1. Chỉ đạo các cấp đưa nội dung đào tạo nghề cho con liệt sĩ vào kế hoạch hằng năm.\n\n\
         2. Định kỳ hằng năm gửi báo cáo về Bộ Nội vụ.\n"
    );
    let doc = parse(&text);
    let leads: Vec<&[String]> = doc.tasks.iter().map(|t| t.lead.as_slice()).collect();
    let asked = ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương".to_string()];
    assert_eq!(leads, vec![&asked[..], &asked[..]], "{:#?}", doc.tasks);
}

#[test]
fn a_directives_request_before_its_numbered_items_leads_them() {
    let text = "THỦ TƯỚNG CHÍNH PHỦ\nSố: 31/CT-TTg\nHà Nội, ngày 15 tháng 11 năm 2025\n\nCHỈ THỊ\nVề việc đào tạo nghề cho con liệt sĩ\n\n\
                Thời gian qua, công tác đào tạo nghề đã đạt được kết quả.\n\n\
                Để khắc phục hạn chế, Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\n\n\
                1. Chỉ đạo các cấp đưa nội dung đào tạo nghề cho con liệt sĩ vào kế hoạch hằng năm.\n\n\
                2. Giao Sở Nội vụ chủ trì tổng hợp, báo cáo kết quả hằng năm.\n";
    let doc = parse(text);
    let got: Vec<(String, Vec<String>)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead.clone())).collect();
    assert_eq!(
        got,
        vec![
            ("1".to_string(), vec!["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương".to_string()]),
            ("2".to_string(), vec!["Sở Nội vụ".to_string()]),
        ],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn an_estimated_result_is_no_goal_but_the_goal_declared_after_it_is() {
    let text = format!(
        "{PLAN_HEADER}I. MỤC TIÊU\n\n- Tỷ lệ hộ nghèo ước đạt 3,5%, phấn đấu đến năm 2026 giảm còn 2%.\n\n\
         - Thu ngân sách năm 2025 ước thực hiện 5.000 tỷ đồng; năm 2026 phấn đấu đạt 6.000 tỷ đồng.\n"
    );
    let doc = parse(&text);
    assert_eq!(value_units(&doc), vec![(2.0, "%"), (6000.0, "tỷ đồng")], "{:#?}", doc.targets);
    assert_eq!(doc.targets[0].year, Some(2026));
}

#[test]
fn a_header_without_a_type_title_is_found_below_a_saved_pages_furniture() {
    let text = "- 1 Nghị quyết số 30a/2008/NQ-CP về chương trình hỗ trợ giảm nghèo nhanh đối với 61 huyện nghèo do Chính phủ ban hành\n\
                - 2 Quyết định 14/2012/QĐ-TTg sửa đổi Quyết định 139/2002/QĐ-TTg về khám, chữa bệnh cho người nghèo\n\
                - 3 Quyết định 705/QĐ-TTg năm 2013 nâng mức hỗ trợ đóng bảo hiểm y tế cho hộ cận nghèo\n\
                - 4 Quyết định 33/2015/QĐ-TTg về chính sách hỗ trợ nhà ở đối với hộ nghèo\n\
                - 5 Nghị định 86/2015/NĐ-CP quy định về cơ chế thu, quản lý học phí\n\
                - 6 Quyết định 293/QĐ-TTg năm 2013 hỗ trợ có mục tiêu cho 23 huyện nghèo\n\
                ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\
                Số: 140/KH-UBND | Phú Yên, ngày 05 tháng 09 năm 2016 |\n\
                TRIỂN KHAI CHƯƠNG TRÌNH GIẢM NGHÈO BỀN VỮNG GIAI ĐOẠN 2016 - 2020\n\
                Thực hiện Nghị quyết số 42/NQ-HĐND ngày 15/7/2016 của HĐND tỉnh, Ủy ban nhân dân tỉnh Phú Yên ban hành Kế hoạch thực hiện như sau:\n\
                I. MỤC TIÊU\n\
                - Phấn đấu đến năm 2020 giảm tỷ lệ hộ nghèo xuống dưới 5%.\n";
    let doc = parse(text);
    assert_eq!(doc.meta.doc_type, "ke_hoach");
    assert_eq!(doc.meta.number.as_deref(), Some("140/KH-UBND"));
    assert_eq!(doc.meta.date.as_deref(), Some("2016-09-05"));
    assert_eq!(doc.meta.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Phú Yên"));
    // The related documents above the header set no goals.
    assert_eq!(value_units(&doc), vec![(5.0, "%")], "{:#?}", doc.targets);
    assert!(!doc.references.iter().any(|r| r.number == "140/KH-UBND"));
}

#[test]
fn a_numbered_phase_heading_sets_its_end_year() {
    let text = format!(
        "{PLAN_HEADER}II. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\na) Giai đoạn 1 (2026 - 2028)\n\n- Phấn đấu 30% cán bộ làm công tác đối ngoại được bồi dưỡng.\n\n\
         b) Giai đoạn 2 (2029 - 2031)\n\n- Phấn đấu 70% cán bộ làm công tác đối ngoại được bồi dưỡng.\n"
    );
    let doc = parse(&text);
    let years: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(years, vec![(30.0, Some(2028)), (70.0, Some(2031))], "{:#?}", doc.targets);
}

#[test]
fn a_period_years_before_the_plan_is_no_deadline() {
    let text = format!(
        "{PLAN_HEADER}III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu chính sách đối với người tham gia kháng chiến trong giai đoạn 1974 - 1975.\n\n\
         2. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát chế độ, hoàn thành trong Quý I/2026.\n"
    );
    let doc = parse(&text);
    let deadlines: Vec<Option<i32>> = doc.tasks.iter().map(|t| t.deadline.as_ref().and_then(|d| d.year)).collect();
    assert_eq!(deadlines, vec![None, Some(2026)], "{:#?}", doc.tasks);
}
