// The iCalendar writer: a small golden feed, TEXT escaping, and folding at 75 octets, also with
// Chinese text at the fold.
#include "calendar/icalendar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace youhao::calendar {
namespace {

std::vector<std::string> SplitCrlf(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, at - start));
    start = at + 2;
  }
  EXPECT_EQ(start, text.size()) << "the text ends with CRLF";
  return lines;
}

std::string Unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

void ExpectWellFolded(const std::string& folded) {
  const auto lines = SplitCrlf(folded);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75U) << "line " << i << ": " << lines[i];
    EXPECT_EQ(lines[i].find('\n'), std::string::npos);
    if (i > 0) {
      ASSERT_FALSE(lines[i].empty());
      EXPECT_EQ(lines[i][0], ' ');
      ASSERT_GT(lines[i].size(), 1U);
      EXPECT_FALSE(IsContinuationByte(lines[i][1])) << "line " << i << " begins inside a UTF-8 sequence";
    }
  }
}

/// Every content line of a whole feed fits in 75 octets and no fold splits a UTF-8 sequence.
void ExpectLinesFit(const std::string& feed) {
  for (const std::string& line : SplitCrlf(feed)) {
    EXPECT_LE(line.size(), 75U) << line;
    ASSERT_FALSE(line.empty());
    EXPECT_FALSE(IsContinuationByte(line[0]));
    if (line[0] == ' ') {
      ASSERT_GT(line.size(), 1U);
      EXPECT_FALSE(IsContinuationByte(line[1])) << line;
    }
  }
}

TEST(EscapeText, EscapesBackslashSemicolonCommaAndLineBreaks) {
  EXPECT_EQ(EscapeText("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
  EXPECT_EQ(EscapeText("义诊，体检"), "义诊，体检") << "full-width punctuation is plain text";
  EXPECT_EQ(EscapeText(std::string("x\x01y\x7Fz\tw")), "xyz\tw") << "control characters but TAB are dropped";
  EXPECT_EQ(EscapeText(""), "");
}

TEST(FoldLine, ShortLinesStayWhole) {
  EXPECT_EQ(FoldLine(""), "\r\n");
  EXPECT_EQ(FoldLine("VERSION:2.0"), "VERSION:2.0\r\n");
  const std::string exactly(75, 'a');
  EXPECT_EQ(FoldLine(exactly), exactly + "\r\n");
}

TEST(FoldLine, FoldsAsciiAt75OctetsCountingTheLeadingSpace) {
  const std::string line(76, 'b');
  EXPECT_EQ(FoldLine(line), std::string(75, 'b') + "\r\n b\r\n");
  const std::string long_line(75 + 74 + 1, 'c');
  EXPECT_EQ(FoldLine(long_line), std::string(75, 'c') + "\r\n " + std::string(74, 'c') + "\r\n c\r\n");
}

TEST(FoldLine, NeverSplitsAChineseCharacter) {
  // "SUMMARY:" is 8 octets and each of these characters 3: the 23rd would straddle octet 75.
  std::string chinese;
  for (int i = 0; i < 40; ++i) chinese += "骑";
  const std::string line = "SUMMARY:" + chinese;
  const std::string folded = FoldLine(line);
  const auto lines = SplitCrlf(folded);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].size(), 8U + 22 * 3) << "the fold moves back to the character's first octet";
  EXPECT_EQ(lines[1].size(), 1U + 18 * 3);
  ExpectWellFolded(folded);
  EXPECT_EQ(Unfold(folded), line + "\r\n");
}

TEST(FoldLine, MixedWidthsAtEveryOffsetUnfoldToTheOriginal) {
  // Shift the characters across the fold one octet at a time: 1-, 2-, 3- and 4-octet sequences.
  for (int shift = 0; shift < 8; ++shift) {
    std::string line = "DESCRIPTION:" + std::string(static_cast<std::size_t>(shift), 'x');
    for (int i = 0; i < 30; ++i) line += "é骑😀a";
    const std::string folded = FoldLine(line);
    ExpectWellFolded(folded);
    EXPECT_EQ(Unfold(folded), line + "\r\n") << "shift " << shift;
  }
}

TEST(Stamps, BeijingIsUtcPlusEight) {
  EXPECT_EQ(BeijingLocal(0), "19700101T080000");
  EXPECT_EQ(UtcStamp(0), "19700101T000000Z");
  EXPECT_EQ(UtcStamp(1'796'083'200), "20261201T000000Z");
  EXPECT_EQ(BeijingLocal(1'796'083'200 - 8 * 3600), "20261201T000000") << "midnight in Beijing";
  EXPECT_EQ(BeijingLocal(1'765'000'000), "20251206T134640");
}

TEST(WriteCalendar, GoldenSmallFeed) {
  Calendar calendar;
  calendar.name = "海淀区·友好活动";
  calendar.refresh_minutes = 60;
  CalendarEvent event;
  event.uid = "0123456789abcdef0123456789abcdef@youhao";
  event.sequence = 2;
  event.status = EventStatus::kConfirmed;
  event.created_at = 1'764'990'000;
  event.updated_at = 1'765'000'000;
  event.starts_at = 1'796'090'400;
  event.ends_at = 1'796'097'600;
  event.summary = "义诊, 体检; 骑手专场";
  event.description = "第一行\n第二行 \\ 备注";
  event.location = "华清嘉园 3号楼";
  event.lat = 39.99;
  event.lon = 116.33;
  event.has_geo = true;
  event.url = "https://youhao.example/#/events/7";
  event.categories = {"工会", "A,B"};
  calendar.events.push_back(event);
  CalendarEvent cancelled = event;
  cancelled.uid = "fedcba9876543210fedcba9876543210@youhao";
  cancelled.status = EventStatus::kCancelled;
  cancelled.sequence = 0;
  cancelled.summary = "电影之夜";
  cancelled.description.clear();
  cancelled.location.clear();
  cancelled.has_geo = false;
  cancelled.url.clear();
  cancelled.categories.clear();
  calendar.events.push_back(cancelled);

  const std::string expected =
      "BEGIN:VCALENDAR\r\n"
      "VERSION:2.0\r\n"
      "PRODID:-//Youhao//Events//ZH\r\n"
      "CALSCALE:GREGORIAN\r\n"
      "METHOD:PUBLISH\r\n"
      "X-WR-CALNAME:海淀区·友好活动\r\n"
      "X-WR-TIMEZONE:Asia/Shanghai\r\n"
      "REFRESH-INTERVAL;VALUE=DURATION:PT60M\r\n"
      "X-PUBLISHED-TTL:PT60M\r\n"
      "BEGIN:VTIMEZONE\r\n"
      "TZID:Asia/Shanghai\r\n"
      "X-LIC-LOCATION:Asia/Shanghai\r\n"
      "BEGIN:STANDARD\r\n"
      "DTSTART:19700101T000000\r\n"
      "TZOFFSETFROM:+0800\r\n"
      "TZOFFSETTO:+0800\r\n"
      "TZNAME:CST\r\n"
      "END:STANDARD\r\n"
      "END:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\n"
      "UID:0123456789abcdef0123456789abcdef@youhao\r\n"
      "DTSTAMP:20251206T054640Z\r\n"
      "CREATED:20251206T030000Z\r\n"
      "LAST-MODIFIED:20251206T054640Z\r\n"
      "SEQUENCE:2\r\n"
      "STATUS:CONFIRMED\r\n"
      "DTSTART;TZID=Asia/Shanghai:20261201T100000\r\n"
      "DTEND;TZID=Asia/Shanghai:20261201T120000\r\n"
      "SUMMARY:义诊\\, 体检\\; 骑手专场\r\n"
      "DESCRIPTION:第一行\\n第二行 \\\\ 备注\r\n"
      "LOCATION:华清嘉园 3号楼\r\n"
      "GEO:39.990000;116.330000\r\n"
      "URL:https://youhao.example/#/events/7\r\n"
      "CATEGORIES:工会,A\\,B\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\n"
      "UID:fedcba9876543210fedcba9876543210@youhao\r\n"
      "DTSTAMP:20251206T054640Z\r\n"
      "CREATED:20251206T030000Z\r\n"
      "LAST-MODIFIED:20251206T054640Z\r\n"
      "SEQUENCE:0\r\n"
      "STATUS:CANCELLED\r\n"
      "DTSTART;TZID=Asia/Shanghai:20261201T100000\r\n"
      "DTEND;TZID=Asia/Shanghai:20261201T120000\r\n"
      "SUMMARY:电影之夜\r\n"
      "TRANSP:TRANSPARENT\r\n"
      "END:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  EXPECT_EQ(WriteCalendar(calendar), expected);
}

TEST(WriteCalendar, LongChineseDescriptionIsFoldedAndEveryLineFits) {
  Calendar calendar;
  calendar.name = "我的活动";
  CalendarEvent event;
  event.uid = "u@youhao";
  event.summary = "骑手节";
  for (int i = 0; i < 20; ++i) event.description += "欢迎骑手朋友携家人参加，现场有义诊、法律咨询和亲子游戏。";
  calendar.events.push_back(event);
  const std::string feed = WriteCalendar(calendar);
  ExpectLinesFit(feed);
  EXPECT_NE(Unfold(feed).find("DESCRIPTION:" + event.description + "\r\n"), std::string::npos);
}

TEST(EventStatusName, NamesEveryStatus) {
  EXPECT_EQ(EventStatusName(EventStatus::kConfirmed), "CONFIRMED");
  EXPECT_EQ(EventStatusName(EventStatus::kTentative), "TENTATIVE");
  EXPECT_EQ(EventStatusName(EventStatus::kCancelled), "CANCELLED");
}

}  // namespace
}  // namespace youhao::calendar
