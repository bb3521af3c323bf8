// Every text of the console in Chinese (the default) and English. The choice is kept in
// localStorage (a preference, not a secret); t() falls back to the key so a gap shows.
const KEY = 'union-aid.lang';
let current = (() => { try { return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'; } catch (e) { return 'zh'; } })();

export const language = () => current;
export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(KEY, current); } catch (e) { /* private mode: for this page only */ }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

// [zh, en]; {0} {1} are filled from the arguments
const TEXTS = {
  appTitle: ['职工帮扶工作台', 'Union aid console'], switchLang: ['English', '中文'], signOut: ['退出', 'Sign out'],
  signIn: ['登录', 'Sign in'], signInTitle: ['请登录', 'Please sign in'], signInHint: ['使用单位统一身份认证账号登录。', 'Sign in with your organisation account.'],
  notConfigured: ['尚未配置身份认证（union-aid.console.issuer），无法登录。', 'Sign-in is not configured (union-aid.console.issuer).'],
  signInFailed: ['登录失败，请重试。', 'Sign-in failed, please try again.'],
  loading: ['正在载入……', 'Loading…'], skip: ['跳到正文', 'Skip to content'], signedInAs: ['{0}（{1}）', '{0} ({1})'],
  noRole: ['您的账号没有可用的工作角色。', 'Your account has no role this console serves.'],
  'nav.files': ['本站档案', 'Files'], 'nav.newFile': ['新建档案', 'New file'], 'nav.queueFiles': ['待审档案', 'Files to decide'],
  'nav.queueChanges': ['变更申请', 'Change requests'], 'nav.queueApplications': ['待审救助申请', 'Applications to decide'],
  'nav.toPay': ['待发放', 'To pay'], 'nav.bankFiles': ['银行代发文件', 'Bank files'], 'nav.reconciliation': ['对账', 'Reconciliation'],
  'nav.dashboard': ['统计看板', 'Dashboard'],
  role: ['角色', 'Role'], 'role.clerk': ['站点工作人员', 'station clerk'], 'role.reviewer': ['审核人', 'reviewer'], 'role.finance': ['财务', 'finance'],
  'role.analyst': ['统计分析', 'analyst'], 'role.admin': ['管理员', 'admin'],
  submit: ['提交', 'Submit'], search: ['查询', 'Search'], more: ['加载更多', 'Load more'], show: ['显示', 'Show'], save: ['保存', 'Save'],
  filters: ['筛选', 'Filters'], any: ['全部', 'Any'], yes: ['是', 'yes'], no: ['否', 'no'], nothing: ['暂无数据。', 'Nothing here.'],
  networkError: ['无法连接服务器，所填内容已保留，请稍后重试。', 'The server could not be reached; what you typed is kept, try again.'],
  requestFailed: ['请求失败（{0}）', 'The request failed ({0})'], checkForm: ['请检查所填内容。', 'Please check the form.'],
  saved: ['已保存。', 'Saved.'], uploaded: ['已上传。', 'Uploaded.'], chooseFile: ['请选择文件。', 'Choose a file.'],
  files: ['本站档案', 'Station files'], noFiles: ['没有符合条件的档案。', 'No files match.'], searchName: ['按姓名查找（已加载的档案）', 'Name (in the files loaded)'],
  lookupTitle: ['按身份证号查找', 'Find by ID number'], lookup: ['查找', 'Find'],
  name: ['姓名', 'Name'], headName: ['户主姓名', 'Name of the head'], idNumber: ['身份证号', 'ID number'], phone: ['电话', 'Phone'],
  station: ['帮扶站点', 'Station'], category: ['困难类别', 'Category'], mainCause: ['主要致困原因', 'Main cause'], status: ['状态', 'Status'],
  lastAided: ['最近帮扶', 'Last aided'], yearlyIncome: ['家庭年收入（元）', 'Yearly household income (yuan)'],
  rigidCosts: ['刚性支出（元/年）', 'Rigid costs (yuan a year)'], migrantWorker: ['农民工', 'Migrant worker'], members: ['家庭成员', 'Household members'],
  member: ['成员 {0}', 'Member {0}'], relation: ['关系', 'Relation'], birthDate: ['出生日期', 'Birth date'], student: ['在校学生', 'Student'],
  ill: ['患病', 'Ill'], disabled: ['残疾', 'Disabled'], addMember: ['添加成员', 'Add a member'], newFile: ['新建困难职工档案', 'New hardship file'],
  createFile: ['建档', 'Create the file'], perCapita: ['家庭月人均收入（元）', 'Per-capita monthly income (yuan)'],
  idHint: ['18 位，最后一位可为 X', '18 characters, the last may be X'],
  'id.ok': ['身份证号校验通过', 'ID number checks out'], 'id.short': ['继续输入（共 18 位）', 'Keep typing (18 characters)'],
  'id.chars': ['只能是数字，最后一位可为 X', 'Digits only; the last may be X'], 'id.checksum': ['校验位不符，请核对', 'The check character does not match'],
  'id.birth': ['出生日期无效', 'The birth date in it is not valid'],
  checks: ['核查记录', 'Checks'], recordCheck: ['记录核查', 'Record a check'], step: ['核查环节', 'Step'], passed: ['通过', 'Passed'],
  consentSigned: ['已签授权书（入户走访）', 'Consent signed (home visit)'], objection: ['公示有异议', 'Objection at the notice'],
  note: ['备注', 'Note'], recordedBy: ['记录人', 'Recorded by'], at: ['时间', 'When'],
  decideFile: ['审核档案', 'Decide the file'], decision: ['决定', 'Decision'], approveFile: ['通过建档', 'Approve (active)'],
  rejectFile: ['不予建档', 'Reject'], reason: ['理由', 'Reason'], decide: ['提交决定', 'Decide'], decided: ['已处理：{0}', 'Done: {0}'],
  approve: ['同意', 'Approve'], reject: ['不同意', 'Reject'],
  documents: ['证明材料', 'Evidence documents'], kind: ['材料类别', 'Kind'], document: ['文件（PDF、JPEG、PNG）', 'File (PDF, JPEG, PNG)'],
  upload: ['上传', 'Upload'], type: ['类型', 'Type'], size: ['大小（字节）', 'Size (bytes)'],
  bankAccount: ['银行账户', 'Bank account'], bankName: ['开户行', 'Bank'], accountNumber: ['账号', 'Account number'], accountName: ['户名', 'Account name'],
  changeRequest: ['变更申请', 'Change request'], requestChange: ['提交变更申请', 'Request the change'], changeRequested: ['变更申请 #{0} 已提交，待审核。', 'Change request #{0} is waiting for a reviewer.'],
  apply: ['申请救助', 'Apply for aid'], project: ['帮扶项目', 'Project'], requestedAmount: ['申请金额（元）', 'Amount asked (yuan)'],
  detailsNote: ['申请说明', 'Details'], applyButton: ['提交申请', 'Apply'], applied: ['申请 #{0} 已提交（{1}），可继续上传证明材料。', 'Application #{0} is in ({1}); add its documents below.'],
  history: ['历史记录', 'History'], evidenceNeeded: ['本项目必填的证明', 'Evidence this project requires'],
  'detail.medicalBills': ['医疗票据（张数、编号）', 'Medical bills (count, numbers)'], 'detail.outOfPocket': ['个人自付（元）', 'Paid by the household (yuan)'],
  'detail.totalCost': ['医疗总费用（元）', 'Total cost (yuan)'], 'detail.hospital': ['医院', 'Hospital'], 'detail.visits': ['就诊次数', 'Visits'],
  'detail.mutualAidMembership': ['互助会员凭证', 'Mutual-aid membership'], 'detail.admissionDate': ['入院日期', 'Admission date'],
  'detail.studentMemberId': ['学生（家庭成员编号）', 'Student (household member id)'], 'detail.schoolLevel': ['学段', 'School level'],
  'detail.schoolYear': ['学年', 'School year'], 'detail.admissionNotice': ['录取通知书', 'Admission notice'], 'detail.school': ['学校', 'School'],
  'detail.accidentReport': ['事故证明', 'Accident report'], 'detail.accidentDate': ['事故日期', 'Accident date'], 'detail.loss': ['损失（元）', 'Loss (yuan)'],
  'detail.campaign': ['慰问活动', 'Campaign'], 'detail.trainingCertificate': ['培训证书', 'Training certificate'],
  'detail.trainingCost': ['培训费用（元）', 'Training cost (yuan)'], 'detail.course': ['课程', 'Course'],
  'detail.placementOutcome': ['就业安置结果', 'Placement outcome'], 'detail.employer': ['用人单位', 'Employer'],
  queueFiles: ['待审核的档案', 'Files to decide'], queueChanges: ['待审核的变更申请', 'Change requests to decide'],
  queueApplications: ['待审核的救助申请', 'Applications to decide'], queueEmpty: ['没有待处理事项。', 'Nothing waits.'],
  number: ['编号', 'No.'], file: ['档案', 'File'], changedFields: ['变更内容', 'Changed'], requestedBy: ['申请人', 'Asked by'],
  application: ['救助申请', 'Application'], submittedBy: ['提交人', 'Submitted by'], amount: ['金额（元）', 'Amount (yuan)'],
  toPay: ['已批准、待发放的申请', 'Approved applications to pay'], pick: ['选择', 'Pick'], decidedBy: ['审批人', 'Approved by'],
  channel: ['发放方式', 'Channel'], 'channel.BANK_TRANSFER': ['银行代发', 'Bank transfer'], 'channel.CASH': ['现金', 'Cash'],
  reference: ['凭证号', 'Reference'], payPicked: ['发放所选', 'Pay the ones picked'], pickSome: ['请至少选择一项。', 'Pick at least one.'],
  batchDone: ['{1} 项中 {0} 项已发放。', '{0} of {1} paid.'], result: ['结果', 'Result'], payout: ['发放', 'Payout'],
  bankFiles: ['银行代发文件', 'Bank files'], year: ['年度', 'Year'], issuedTransfers: ['待制盘的银行代发', 'Bank transfers not yet in a file'],
  makeBankFile: ['生成代发文件', 'Make a bank file'], bankFileMade: ['代发文件 #{0}：{1} 笔，共 {2} 元。', 'Bank file #{0}: {1} payouts, {2} yuan.'],
  bankFile: ['代发文件', 'Bank file'], count: ['笔数', 'Count'], total: ['合计（元）', 'Total (yuan)'], exportedAt: ['生成时间', 'Made'],
  downloadUtf8: ['下载（UTF-8）', 'Download (UTF-8)'], downloadGbk: ['下载（GBK）', 'Download (GBK)'],
  bankResult: ['银行回盘文件（CSV）', "The bank's result (CSV)"], uploadResult: ['上传回盘', 'Upload the result'],
  resultApplied: ['已入账 {0}，此前已入账 {1}，不符 {2}；文件状态：{3}', 'Applied {0}, already applied {1}, mismatched {2}; file {3}'],
  reconciliation: ['对账', 'Reconciliation'], figure: ['项目', 'Figure'],
  'fig.issued': ['已开具', 'Issued'], 'fig.sent': ['已报送银行', 'Sent'], 'fig.paid': ['已到账', 'Paid'], 'fig.failed': ['失败', 'Failed'],
  'fig.outstanding': ['待回盘', 'Outstanding'], 'fig.reversed': ['已冲正', 'Reversed'],
  dashboard: ['全市帮扶统计', 'City aid dashboard'], fromDate: ['起始月份', 'From (month)'], toDate: ['截止月份', 'To (month)'],
  personTimes: ['人次', 'Person-times'], persons: ['人数', 'Persons'], asOf: ['数据截至', 'Figures as of'],
  byProjectYear: ['分项目、分年度', 'By project and year'], byStation: ['分站点', 'By station'], chartLabel: ['各年度各项目帮扶金额柱状图', 'Bar chart of amounts by year and project'],
  suppressed: ['（小样本不显示）', '(suppressed)'], suppressedHint: ['人数过少，为保护个人信息不予显示', 'Too few persons to show without singling anyone out'],
  downloadCsv: ['下载 CSV', 'Download CSV'], drillAt: ['当前范围：', 'Showing:'], wholeCity: ['全市', 'the whole city'], up: ['返回上一级', 'Up a level'],
  totals: ['合计', 'Totals'],
};

const ENUMS = {
  status: { PENDING: ['待审核', 'pending'], ACTIVE: ['在档', 'active'], TEMPORARY: ['临时', 'temporary'], EXITED: ['已退出', 'exited'],
    REJECTED: ['未通过', 'rejected'], CANCELLED: ['已注销', 'cancelled'] },
  category: { DEEP: ['深度困难', 'deep hardship'], RELATIVE: ['相对困难', 'relative hardship'], ACCIDENT: ['意外致困', 'accident'] },
  cause: { ILLNESS: ['因病', 'illness'], DISABILITY: ['因残', 'disability'], CHILD_EDUCATION: ['因学', 'education of a child'],
    UNEMPLOYMENT: ['失业', 'unemployment'], ENTERPRISE_SHUTDOWN: ['企业关停', 'enterprise closed'], DISASTER: ['因灾', 'disaster'],
    ACCIDENT: ['意外', 'accident'], OTHER: ['其他', 'other'] },
  relation: { SPOUSE: ['配偶', 'spouse'], CHILD: ['子女', 'child'], PARENT: ['父母', 'parent'], SIBLING: ['兄弟姐妹', 'sibling'],
    GRANDCHILD: ['孙辈', 'grandchild'], OTHER: ['其他', 'other'] },
  step: { FIRST_REVIEW: ['初审', 'first review'], HOME_VISIT: ['入户走访', 'home visit'], MEANS_CHECK: ['家庭经济状况核对', 'means check'],
    PUBLIC_NOTICE: ['公示', 'public notice'] },
  kind: { CONSENT: ['授权书', 'consent'], INCOME_PROOF: ['收入证明', 'income proof'], MEDICAL_BILL: ['医疗票据', 'medical bill'],
    ADMISSION_LETTER: ['录取通知书', 'admission letter'], CERTIFICATE: ['证明', 'certificate'], RECEIPT: ['收据', 'receipt'], OTHER: ['其他', 'other'] },
  appStatus: { SUBMITTED: ['待审核', 'submitted'], AWAITING_SECOND_APPROVAL: ['待复核', 'awaiting second approval'],
    APPROVED: ['已批准', 'approved'], PAYING: ['发放中', 'paying'], PAID: ['已发放', 'paid'], REJECTED: ['未批准', 'rejected'],
    CANCELLED: ['已撤销', 'cancelled'], REVERSED: ['已冲正', 'reversed'] },
  crStatus: { PENDING: ['待审核', 'pending'], APPLIED: ['已生效', 'applied'], REJECTED: ['未通过', 'rejected'] },
  bankStatus: { EXPORTED: ['待回盘', 'waiting for the bank'], COMPLETED: ['已完成', 'completed'] },
  project: { LIVING_RELIEF: ['生活救助', 'Living relief'], SERIOUS_ILLNESS: ['大病医疗救助', 'Serious-illness relief'],
    MEDICAL_MUTUAL_AID: ['职工医疗互助', 'Medical mutual aid'], GOLDEN_AUTUMN: ['金秋助学', 'Golden Autumn'],
    ACCIDENT_RELIEF: ['意外致困救助', 'Accident relief'], FESTIVAL_WARMTH: ['送温暖慰问', 'Festival warmth'],
    KEY_ENTERPRISE: ['帮扶重点企业', 'Key enterprises'], SKILLS_TRAINING: ['职工技能培训', 'Skills training'],
    EMPLOYMENT_AID: ['就业援助', 'Employment aid'], MIGRANT_WORKER_AID: ['困难农民工帮扶', 'Migrant-worker aid'],
    STATION_STANDARDISATION: ['帮扶站点规范化建设', 'Station standardisation'] },
  action: { CREATE: ['建档', 'filed'], TRANSITION: ['状态变更', 'status changed'], UPDATE: ['修改', 'updated'], CHECK: ['核查', 'check'],
    REVIEW: ['年度复核', 'yearly review'], CHANGE_REQUEST: ['变更申请', 'change request'], CHANGE_APPLIED: ['变更生效', 'change applied'],
    BANK_ACCOUNT: ['银行账户', 'bank account'], MERGE: ['合并', 'merge'] },
};

const fill = (text, args) => text.replace(/\{(\d)\}/g, (_, i) => (args[i] ?? ''));
const pick = pair => pair[current === 'en' ? 1 : 0];

export function t(key, ...args) {
  const pair = TEXTS[key];
  return pair ? fill(pick(pair), args) : key;
}

export function tEnum(kind, value) {
  const pair = ENUMS[kind] && ENUMS[kind][value];
  return pair ? pick(pair) : (value ?? '—');
}

/** Every key of both languages, for a test that no text is missing. */
export const keys = () => ({ texts: Object.keys(TEXTS), enums: ENUMS });
