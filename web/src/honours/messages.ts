/**
 * The words of honours campaigns (最美骑手, 最美快递人, 技术能手, 优秀网格员): the campaign list, a
 * campaign's ballot with 投票 and the votes left, the nomination form, the officers' editor and review
 * queue, the results with the winners, and the certificate's verify page. Chinese first, {name}
 * placeholders, the language read from <html lang>.
 */

import { featureMessages, pageLang } from '../shell/i18n';
import { errorMessageOf } from '../shell/ui';
import { tileEn, tileZh } from './tile-words';

const zh = {
  ...tileZh,

  'list.title': '评选表彰',
  'list.intro': '最美骑手、最美快递人、技术能手、优秀网格员：提名、审核、投票、公布结果，获奖证书扫码可验真。',
  'list.empty': '还没有评选活动',
  'list.new': '发起评选',
  'list.open': '查看',
  'back.home': '返回首页',
  'back.list': '全部评选',

  'kind.best_rider': '最美骑手',
  'kind.best_courier': '最美快递人',
  'kind.skills_champion': '技术能手',
  'kind.grid_reporter': '优秀网格员',
  'stage.nominating': '提名中',
  'stage.reviewing': '审核中',
  'stage.voting': '投票中',
  'stage.announced': '已公布',
  'status.pending': '待审核',
  'status.accepted': '已入选',
  'status.rejected': '未通过',

  'campaign.area': '{area} · 评出 {winners} 名',
  'campaign.until': '{stage}截止：{date}',
  'campaign.prize': '获奖者每人奖励 {points} 积分',
  'campaign.results': '查看评选结果',
  'campaign.nominees': '候选人',
  'campaign.noNominees': '还没有候选人',
  'campaign.votesLeft': '你还有 {count} 票',
  'campaign.votesUsed': '你的 {count} 票已投完，谢谢参与',
  'campaign.loginToVote': '登录后投票',
  'campaign.vote': '投票',
  'campaign.voted': '已投',
  'campaign.voting': '正在投票…',
  'campaign.thanks': '投票成功',
  'campaign.maskedNote': '为保护个人信息，候选人姓名部分隐去',

  'evidence.confirmed_reports': '上报问题被确认 {count} 次',
  'evidence.points_earned': '累计获得 {count} 积分',
  'evidence.service_days': '从业登记 {count} 天',
  'evidence.misconduct_records': '违规记录 {count} 条',
  'evidence.grid_months': '担任流动网格员 {count} 个月',
  'evidence.note': '以上数据由系统根据登记、上报和积分记录统计',

  'nominate.title': '提名候选人',
  'nominate.worker': '被提名骑手的登记编号',
  'nominate.account': '被提名网格员的账号编号',
  'nominate.citation': '推荐理由（最多 300 字）',
  'nominate.citationHint': '例如：暴雨夜坚持送餐，途中救助摔倒老人',
  'nominate.send': '提交提名',
  'nominate.sending': '正在提交…',
  'nominate.done': '已提交，等待工作人员审核',

  'review.title': '待审核的提名',
  'review.empty': '没有待审核的提名',
  'review.accept': '通过',
  'review.reject': '不通过',
  'review.reason': '不通过的原因',
  'review.by': '{who} 提名',

  'advance.reviewing': '结束提名，开始审核',
  'advance.voting': '开始投票',
  'advance.announced': '结束投票，公布结果',
  'advance.confirm': '确定进入下一阶段吗？公布结果后将发放奖励积分和证书。',

  'editor.title': '发起评选',
  'editor.name': '评选名称',
  'editor.kind': '评选类别',
  'editor.nominatingUntil': '提名截止日期',
  'editor.reviewingUntil': '审核截止日期',
  'editor.votingUntil': '投票截止日期',
  'editor.winners': '获奖人数',
  'editor.votes': '每人可投票数',
  'editor.prize': '每位获奖者奖励积分（0 为不奖励）',
  'editor.save': '发起',
  'editor.saving': '正在保存…',

  'results.title': '评选结果',
  'results.live': '投票进行中：实时计票，仅工作人员可见',
  'results.flagged': '已拦截可疑投票 {count} 票',
  'results.winner': '获奖',
  'results.rank': '第 {rank} 名',
  'results.votes': '{count} 票',
  'results.certificate': '证书',
  'results.download': '下载证书',
  'results.revoked': '证书已撤销',
  'results.revoke': '撤销证书',
  'results.revokeReason': '撤销原因',

  'verify.title': '证书验证',
  'verify.valid': '证书有效',
  'verify.revoked': '证书已撤销',
  'verify.unknown': '查无此证书',
  'verify.unknownHint': '请核对证书编号，或联系发证单位',
  'verify.serial': '证书编号',
  'verify.holder': '获奖人',
  'verify.honour': '荣誉',
  'verify.campaign': '评选',
  'verify.issued': '发证日期',
  'verify.revokedAt': '撤销日期',
  'verify.reason': '撤销原因',
  'verify.nameNote': '为保护个人信息，获奖人姓名部分隐去',

  'mine.intro': '你被提名的评选、结果和获奖证书',
  'mine.empty': '还没有被提名的评选。认真送好每一单，下次评选就有你！',
  'mine.all': '看全部评选',
  'mine.status': '提名：{status}',
  'mine.waiting': '结果公布后显示得票和名次',
  'mine.notWinner': '未获奖，感谢参与',
  'mine.prize': '奖励 {points} 积分已到账',
  'mine.certificate': '查看证书',
  'mine.download': '下载证书 PDF',
  'mine.revoked': '证书已撤销',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  ...tileEn,

  'list.title': 'Honours',
  'list.intro': 'Best rider, best courier, skills champion, outstanding grid reporter: nominate, review, vote, announce; every certificate verifies by its QR code.',
  'list.empty': 'No campaigns yet',
  'list.new': 'New campaign',
  'list.open': 'Open',
  'back.home': 'Home',
  'back.list': 'All campaigns',

  'kind.best_rider': 'Best rider',
  'kind.best_courier': 'Best courier',
  'kind.skills_champion': 'Skills champion',
  'kind.grid_reporter': 'Outstanding grid reporter',
  'stage.nominating': 'Nominating',
  'stage.reviewing': 'In review',
  'stage.voting': 'Voting',
  'stage.announced': 'Announced',
  'status.pending': 'Pending',
  'status.accepted': 'On the ballot',
  'status.rejected': 'Not accepted',

  'campaign.area': '{area} · {winners} winners',
  'campaign.until': '{stage} until {date}',
  'campaign.prize': '{points} points for each winner',
  'campaign.results': 'See the results',
  'campaign.nominees': 'Nominees',
  'campaign.noNominees': 'No nominees yet',
  'campaign.votesLeft': '{count} votes left',
  'campaign.votesUsed': 'Your {count} votes are cast: thank you',
  'campaign.loginToVote': 'Sign in to vote',
  'campaign.vote': 'Vote',
  'campaign.voted': 'Voted',
  'campaign.voting': 'Voting…',
  'campaign.thanks': 'Vote counted',
  'campaign.maskedNote': "Nominees' names are partly hidden to protect them",

  'evidence.confirmed_reports': '{count} reports confirmed',
  'evidence.points_earned': '{count} points earned',
  'evidence.service_days': '{count} days in the register',
  'evidence.misconduct_records': '{count} conduct records',
  'evidence.grid_months': '{count} months as a roaming grid reporter',
  'evidence.note': 'Counted by the system from the register, reports and points',

  'nominate.title': 'Nominate',
  'nominate.worker': "The rider's register number",
  'nominate.account': "The grid reporter's account number",
  'nominate.citation': 'Why (up to 300 characters)',
  'nominate.citationHint': 'e.g. kept delivering through the storm and helped an old man who fell',
  'nominate.send': 'Nominate',
  'nominate.sending': 'Sending…',
  'nominate.done': 'Sent: the staff will review it',

  'review.title': 'Nominations to review',
  'review.empty': 'Nothing to review',
  'review.accept': 'Accept',
  'review.reject': 'Reject',
  'review.reason': 'Why not',
  'review.by': 'nominated by {who}',

  'advance.reviewing': 'Close nominations, start review',
  'advance.voting': 'Open the vote',
  'advance.announced': 'Close the vote, announce',
  'advance.confirm': 'Move to the next stage? Announcing pays the prizes and issues the certificates.',

  'editor.title': 'New campaign',
  'editor.name': 'Title',
  'editor.kind': 'Kind',
  'editor.nominatingUntil': 'Nominations close',
  'editor.reviewingUntil': 'Review closes',
  'editor.votingUntil': 'Voting closes',
  'editor.winners': 'Winners',
  'editor.votes': 'Votes per person',
  'editor.prize': 'Prize points per winner (0: none)',
  'editor.save': 'Create',
  'editor.saving': 'Saving…',

  'results.title': 'Results',
  'results.live': 'Voting: a live count, for the staff only',
  'results.flagged': '{count} suspicious votes stopped',
  'results.winner': 'Winner',
  'results.rank': 'No. {rank}',
  'results.votes': '{count} votes',
  'results.certificate': 'Certificate',
  'results.download': 'Download the certificate',
  'results.revoked': 'Certificate revoked',
  'results.revoke': 'Revoke the certificate',
  'results.revokeReason': 'Why',

  'verify.title': 'Certificate check',
  'verify.valid': 'Valid certificate',
  'verify.revoked': 'Certificate revoked',
  'verify.unknown': 'No such certificate',
  'verify.unknownHint': 'Check the serial, or ask the issuer',
  'verify.serial': 'Serial',
  'verify.holder': 'Holder',
  'verify.honour': 'Honour',
  'verify.campaign': 'Campaign',
  'verify.issued': 'Issued',
  'verify.revokedAt': 'Revoked',
  'verify.reason': 'Why',
  'verify.nameNote': "The holder's name is partly hidden to protect them",

  'mine.intro': 'The campaigns you were nominated in, the results and your certificates',
  'mine.empty': 'No nominations yet. Keep up the good work: the next campaign may be yours!',
  'mine.all': 'All campaigns',
  'mine.status': 'Nomination: {status}',
  'mine.waiting': 'Votes and rank show once the results are announced',
  'mine.notWinner': 'Not among the winners: thank you for taking part',
  'mine.prize': '{points} prize points paid to you',
  'mine.certificate': 'View the certificate',
  'mine.download': 'Download the certificate (PDF)',
  'mine.revoked': 'Certificate revoked',
};

export type HonourMessageKey = Key;
export const honourDictionaries = { zh, en } as const;
export const lang = pageLang;
const messages = featureMessages(honourDictionaries);
export const tho = messages.t;
export const maybeHonour = messages.maybe;

export function kindText(kind: string): string {
  return maybeHonour(`kind.${kind}`, kind);
}

export function stageText(stage: string): string {
  return maybeHonour(`stage.${stage}`, stage);
}

export function statusText(status: string): string {
  return maybeHonour(`status.${status}`, status);
}

/** A refusal in the page's language: the server words catalogued problems. */
export function refusalText(failure: unknown): string {
  return errorMessageOf(failure);
}
